namespace Backfill.OrderBook.Import.Rest;

/// <summary>Turns byte offsets of a chunk into 1-based file lines, counting each newline once as offsets move forward.</summary>
internal sealed class LineCounter(long firstLine)
{
    private int countedTo;
    private long newlines;

    public long LineAt(ReadOnlySpan<byte> chunk, int offset)
    {
        if (offset < countedTo)
        {
            countedTo = 0;
            newlines = 0;
        }

        newlines += chunk[countedTo..offset].Count((byte)'\n');
        countedTo = offset;
        return firstLine + newlines;
    }
}
