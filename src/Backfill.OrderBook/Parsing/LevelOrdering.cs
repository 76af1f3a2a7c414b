namespace Backfill.OrderBook;

/// <summary>
/// The ladder invariant every consumer relies on: only usable levels, best price first
/// (back: highest price first, lay: lowest price first), so level k is simply index k-1.
/// </summary>
internal static class LevelOrdering
{
    /// <summary>Betfair pads ladders with placeholder rungs (price 1.0, size 0); they are not real offers.</summary>
    public static bool IsUsable(double price, double size) =>
        double.IsFinite(price) && price > 1 && double.IsFinite(size) && size > 0;

    /// <summary>
    /// Returns <paramref name="levels"/> itself when it already holds the invariant, so the
    /// reader's output (normalised while parsing) is never copied a second time.
    /// </summary>
    public static Level[] Normalize(Level[]? levels, bool descending)
    {
        if (levels is null || levels.Length == 0)
        {
            return [];
        }

        if (IsNormalized(levels, descending))
        {
            return levels;
        }

        var usable = new Level[levels.Length];
        var count = 0;
        foreach (var level in levels)
        {
            if (IsUsable(level.Price, level.Size))
            {
                usable[count++] = level;
            }
        }

        var result = count == usable.Length ? usable : usable[..count];
        SortInPlace(result, descending);
        return result;
    }

    /// <summary>
    /// Insertion sort: ladders almost always arrive already ordered (linear time then),
    /// it is stable for equal prices, and it allocates nothing.
    /// </summary>
    public static void SortInPlace(Span<Level> levels, bool descending)
    {
        for (var i = 1; i < levels.Length; i++)
        {
            var current = levels[i];
            var j = i - 1;
            while (j >= 0 && ComesBefore(current.Price, levels[j].Price, descending))
            {
                levels[j + 1] = levels[j];
                j--;
            }

            levels[j + 1] = current;
        }
    }

    private static bool IsNormalized(Level[] levels, bool descending)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            if (!IsUsable(levels[i].Price, levels[i].Size))
            {
                return false;
            }

            if (i > 0 && ComesBefore(levels[i].Price, levels[i - 1].Price, descending))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ComesBefore(double price, double other, bool descending) =>
        descending ? price > other : price < other;
}
