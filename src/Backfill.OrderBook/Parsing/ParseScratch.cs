namespace Backfill.OrderBook;

/// <summary>
/// Per-thread buffers reused across payloads: a book is collected here first so the only
/// allocations left per payload are the exactly-sized arrays that end up in the result.
/// </summary>
internal static class ParseScratch
{
    [ThreadStatic]
    private static Level[]? t_levels;

    [ThreadStatic]
    private static List<RunnerBook>? t_runners;

    public static Level[] Levels => t_levels ??= new Level[16];

    public static Level[] GrowLevels()
    {
        var bigger = new Level[Levels.Length * 2];
        Levels.CopyTo(bigger, 0);
        return t_levels = bigger;
    }

    /// <summary>Cleared on rent, because a payload that failed halfway leaves its runners behind.</summary>
    public static List<RunnerBook> RentRunners()
    {
        var runners = t_runners ??= new List<RunnerBook>(8);
        runners.Clear();
        return runners;
    }
}
