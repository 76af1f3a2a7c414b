namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Splits a byte stream into lines without decoding it or holding more than the current line:
/// the buffer grows to the longest line seen, up to a cap past which a line is skipped.
/// </summary>
internal sealed class LineReader(System.IO.Stream input, int maxLineBytes)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its <c>\n</c> or <c>\r\n</c>, valid until the next call; a line longer
    /// than the cap comes back empty with <paramref name="tooLong"/> set. False at the end of input.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var stop = searchFrom + newline;
                tooLong |= stop - _start > maxLineBytes;
                line = tooLong ? ReadOnlyMemory<byte>.Empty : Trim(_start, stop);
                _start = stop + 1;
                LineNumber++;
                return true;
            }

            if (_endOfInput)
            {
                if (_start == _end && !tooLong)
                {
                    line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                tooLong |= _end - _start > maxLineBytes;
                line = tooLong ? ReadOnlyMemory<byte>.Empty : Trim(_start, _end);
                _start = _end;
                LineNumber++;
                return true;
            }

            if (_end - _start > maxLineBytes)
            {
                // Drop what is buffered of the over-long line and keep scanning for its end.
                tooLong = true;
                _start = _end = 0;
            }

            MakeRoom();
            searchFrom = _end;
            var read = input.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfInput = true;
            }

            _end += read;
        }
    }

    private ReadOnlyMemory<byte> Trim(int start, int stop)
    {
        if (stop > start && _buffer[stop - 1] == (byte)'\r')
        {
            stop--;
        }

        return _buffer.AsMemory(start, stop - start);
    }

    /// <summary>Moves the partial line to the front, or grows the buffer when the line fills it.</summary>
    private void MakeRoom()
    {
        if (_start > 0)
        {
            var length = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
            _start = 0;
            _end = length;
        }

        if (_end == _buffer.Length)
        {
            // Full with one partial line shorter than the cap (longer ones were dropped): grow, never past the cap.
            Array.Resize(ref _buffer, Math.Max(_buffer.Length + 1, Math.Min(_buffer.Length * 2, maxLineBytes + 1)));
        }
    }
}
