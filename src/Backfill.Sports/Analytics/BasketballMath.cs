namespace Backfill.Sports.Analytics;

/// <summary>Box-score formulas; any missing input gives null rather than a misleading number.</summary>
public static class BasketballMath
{
    /// <summary>True shooting: PTS / (2 * (FGA + 0.44 * FTA)); null when the player took no shots.</summary>
    public static double? TrueShootingPct(long? points, long? fga, long? fta)
    {
        if (points is null || fga is null || fta is null) return null;
        var attempts = 2 * (fga.Value + 0.44 * fta.Value);
        return attempts == 0 ? null : points.Value / attempts;
    }

    /// <summary>Estimated possessions: FGA - OREB + TOV + 0.44 * FTA.</summary>
    public static double? Possessions(long? fga, long? oreb, long? tov, long? fta) =>
        fga is null || oreb is null || tov is null || fta is null ? null : fga.Value - oreb.Value + tov.Value + 0.44 * fta.Value;

    /// <summary>SQL SUM semantics: NULLs are skipped, and the sum of nothing known is NULL.</summary>
    public static long? Sum(IEnumerable<long?> values)
    {
        long? total = null;
        foreach (var v in values)
            if (v is { } x) total = (total ?? 0) + x;
        return total;
    }
}
