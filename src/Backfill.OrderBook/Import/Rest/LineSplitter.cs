namespace Backfill.OrderBook.Import.Rest;

/// <summary>One line of a file: its bytes without the <c>'\n'</c> (a <c>'\r'</c> stays: JSON treats it as whitespace).</summary>
internal readonly record struct RawLine(ReadOnlyMemory<byte> Content, long Number, bool EndsWithNewline, bool TooLong);

/// <summary>
/// Splits a byte stream into lines without decoding it, so that slices keep the file's exact bytes.
/// Memory is bounded by the longest line: a line longer than <c>maxLineBytes</c> is discarded and
/// returned with <see cref="RawLine.TooLong"/> set. A returned line is valid until the next call.
/// </summary>
internal sealed class LineSplitter(System.IO.Stream stream, int maxLineBytes)
{
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfStream;
    private long lineNumber;

    public bool TryRead(out RawLine line)
    {
        var tooLong = false;
        var searchFrom = start;
        while (true)
        {
            var newline = buffer.AsSpan(searchFrom, end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                line = new RawLine(tooLong ? default : buffer.AsMemory(start, lineEnd - start), ++lineNumber, true, tooLong);
                start = lineEnd + 1;
                return true;
            }

            if (endOfStream)
            {
                if (start == end && !tooLong)
                {
                    line = default;
                    return false;
                }

                line = new RawLine(tooLong ? default : buffer.AsMemory(start, end - start), ++lineNumber, false, tooLong);
                start = end;
                return true;
            }

            if (end - start > maxLineBytes)
            {
                tooLong = true;
                start = end;
            }

            searchFrom = end;
            Fill(ref searchFrom);
        }
    }

    private void Fill(ref int searchFrom)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            searchFrom -= start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            endOfStream = true;
        }

        end += read;
    }
}
