namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// A ladder updated by <c>[price, size]</c> deltas (<c>atb</c>, <c>atl</c>, <c>trd</c>, <c>spb</c>, <c>spl</c>):
/// the size replaces what stood at that price, and size 0 removes the price. Kept ascending by price.
/// </summary>
internal sealed class PriceKeyedLadder
{
    private readonly List<Level> _ascending = [];

    // The encoded JSON of each level, built on first write and dropped when the level changes.
    private readonly List<byte[]?> _json = [];

    public int Count => _ascending.Count;

    /// <summary>Index 0 is the lowest price.</summary>
    public Level this[int index] => _ascending[index];

    public byte[] JsonAt(int index) => _json[index] ??= LevelJson.Encode(_ascending[index]);

    public void Set(double price, double size)
    {
        var index = IndexOf(price);
        if (size == 0)
        {
            if (index >= 0)
            {
                _ascending.RemoveAt(index);
                _json.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            _ascending[index] = new Level(price, size);
            _json[index] = null;
        }
        else
        {
            _ascending.Insert(~index, new Level(price, size));
            _json.Insert(~index, null);
        }
    }

    public void Clear()
    {
        _ascending.Clear();
        _json.Clear();
    }

    /// <summary>Binary search by exact price: stream prices are ladder prices written the same way every time.</summary>
    private int IndexOf(double price)
    {
        int low = 0, high = _ascending.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var candidate = _ascending[middle].Price;
            if (candidate == price)
            {
                return middle;
            }

            if (candidate < price)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
