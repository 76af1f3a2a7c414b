using System.Buffers;

namespace Backfill.Core.Sql;

/// <summary>
/// The UTF-8 text of one batch's rows packed into a few large pooled chunks. A batch of 5,000 ~2 KB
/// payloads read into their own arrays is 10 MB of small objects that live as long as the batch,
/// so the GC copies them into older generations; here they cost nothing to collect.
/// Slices handed out stay valid until <see cref="Release"/>.
/// </summary>
public sealed class TextArena
{
    private const int ChunkSize = 1 << 20;
    // Not ArrayPool.Shared: its per-size buckets keep only a few 1 MB arrays per core.
    private static readonly ArrayPool<byte> Chunks = ArrayPool<byte>.Create(ChunkSize, maxArraysPerBucket: 64);

    private readonly List<byte[]> _rented = [];
    private byte[]? _current;
    private int _used;

    /// <summary>Room for <paramref name="length"/> bytes; the caller fills the returned slice.</summary>
    public Memory<byte> Allocate(int length)
    {
        if (length > ChunkSize / 4) return new byte[length]; // rare: an outsized payload gets its own array
        if (_current is null || _used + length > _current.Length)
        {
            _current = Chunks.Rent(ChunkSize);
            _rented.Add(_current);
            _used = 0;
        }
        var slice = _current.AsMemory(_used, length);
        _used += length;
        return slice;
    }

    /// <summary>Gives the chunks back to the pool: every slice handed out is invalid afterwards.</summary>
    public void Release()
    {
        foreach (var chunk in _rented) Chunks.Return(chunk);
        _rented.Clear();
        _current = null;
        _used = 0;
    }
}
