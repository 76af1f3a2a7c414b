using System.Buffers;
using System.Buffers.Binary;

namespace Backfill.Postgres;

/// <summary>
/// Rows of a bigint key and double values in PostgreSQL's binary COPY format, for a raw binary COPY. Encoding
/// them here is a few stores per value; the importer API binds every value through a converter.
/// </summary>
internal sealed class BinaryCopyRows : IDisposable
{
    // "PGCOPY\n\xff\r\n\0", then 32-bit flags and header-extension length, both 0.
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private byte[] _buffer;
    private int _length;

    public BinaryCopyRows(int rows, int width)
    {
        // Per row: field count, the key (length + 8 bytes) and each value (length + 8 bytes at most).
        _buffer = ArrayPool<byte>.Shared.Rent(Header.Length + rows * (2 + 12 * (width + 1)) + 2);
        Header.CopyTo(_buffer);
        _length = Header.Length;
    }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void AddRow(long key, List<double?> values, int offset, int width)
    {
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)(width + 1));
        BinaryPrimitives.WriteInt32BigEndian(span[2..], 8);
        BinaryPrimitives.WriteInt64BigEndian(span[6..], key);
        var at = 14;
        for (var i = 0; i < width; i++)
        {
            if (values[offset + i] is { } v)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[at..], 8);
                BinaryPrimitives.WriteDoubleBigEndian(span[(at + 4)..], v);
                at += 12;
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(span[at..], -1);
                at += 4;
            }
        }
        _length += at;
    }

    /// <summary>The trailer: a field count of -1.</summary>
    public void End()
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
