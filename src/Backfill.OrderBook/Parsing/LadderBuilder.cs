namespace Backfill.OrderBook;

/// <summary>
/// Collects one side of a ladder as it is read, in the thread's scratch buffer: usable levels only,
/// then ordered best price first into an exactly-sized array. Shared by both parsers so they agree.
/// </summary>
internal struct LadderBuilder
{
    private Level[] _buffer;
    private int _count;

    public LadderBuilder() => _buffer = ParseScratch.Levels;

    public void Add(double price, double size)
    {
        if (!LevelOrdering.IsUsable(price, size)) return;
        if (_count == _buffer.Length) _buffer = ParseScratch.GrowLevels();
        _buffer[_count++] = new Level(price, size);
    }

    public readonly Level[] Build(bool descending)
    {
        if (_count == 0) return [];
        var collected = _buffer.AsSpan(0, _count);
        LevelOrdering.SortInPlace(collected, descending);
        return collected.ToArray();
    }
}
