namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// A ladder updated by <c>[level, price, size]</c> deltas (<c>batb</c>, <c>batl</c>, <c>bdatb</c>,
/// <c>bdatl</c>): level 0 is the best price; size 0 empties the level.
/// </summary>
internal sealed class LevelKeyedLadder
{
    /// <summary>Subscriptions allow at most 10 levels; a little headroom, and a bound on memory.</summary>
    public const int MaxLevels = 100;

    private Level[] _levels = new Level[10];
    private byte[]?[] _json = new byte[10][];
    private int _highestUsed = -1;

    /// <summary>Slots up to the highest level ever set; a slot with size 0 is empty.</summary>
    public int SlotCount => _highestUsed + 1;

    public Level this[int slot] => _levels[slot];

    public byte[] JsonAt(int slot) => _json[slot] ??= LevelJson.Encode(_levels[slot]);

    public void Set(int level, double price, double size)
    {
        if (size == 0)
        {
            if (level <= _highestUsed)
            {
                _levels[level] = default;
                _json[level] = null;
            }

            return;
        }

        if (level >= _levels.Length)
        {
            var length = Math.Min(MaxLevels, Math.Max(level + 1, _levels.Length * 2));
            Array.Resize(ref _levels, length);
            Array.Resize(ref _json, length);
        }

        _levels[level] = new Level(price, size);
        _json[level] = null;
        _highestUsed = Math.Max(_highestUsed, level);
    }

    public void Clear()
    {
        Array.Clear(_levels);
        Array.Clear(_json);
        _highestUsed = -1;
    }
}
