namespace Backfill.Sports;

/// <summary>Phase numbers of the NBA pipeline (phases 1-2, collection and raw import, happen outside it).</summary>
public static class NbaPhases
{
    public const int Analytics = 3;
    public const int Precompute = 4;
}
