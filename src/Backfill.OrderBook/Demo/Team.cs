namespace Backfill.OrderBook.Demo;

/// <summary>A club with a rough strength rating (about -0.6 weak .. 0.6 strong) that drives its prices.</summary>
internal sealed record Team(string Name, double Strength)
{
    /// <summary>Derived from the name so a team keeps its id across markets, seeds and runs, as on Betfair.</summary>
    public long SelectionId { get; } = StableSelectionId(Name);

    private static long StableSelectionId(string name)
    {
        // FNV-1a over the UTF-16 code units: stable, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return 100_000 + (hash % 9_900_000); // 6-7 digits, never the draw's 58805
    }
}
