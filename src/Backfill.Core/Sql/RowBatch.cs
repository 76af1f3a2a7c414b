using System.Buffers;

namespace Backfill.Core.Sql;

/// <summary>
/// Rows read for one batch, in flat arrays (row-major) to keep the hot path free of per-row objects.
/// The per-row values are rented: a batch's current values alone are ~2 MB for a 24-column job, a large object
/// that only a full collection frees (a 1M-row tier-a run made 78 of them; 29 with rented arrays, bench/RESULTS.md).
/// </summary>
public sealed class RowBatch
{
    // Not ArrayPool.Shared: it keeps up to 8 arrays of each size per core, and arrays rented on the reader's thread
    // and returned on the computing one piled up there (~30 MB of 2 MB arrays). A run has at most a few batches in
    // flight (read ahead, computing, writing), so a few arrays of each size are all worth keeping.
    private static readonly ArrayPool<object?> Objects = ArrayPool<object?>.Create(1 << 24, maxArraysPerBucket: 4);
    private static readonly ArrayPool<double?> Values = ArrayPool<double?>.Create(1 << 24, maxArraysPerBucket: 4);
    private bool _released;

    public RowBatch(int capacity, int inputs, int carry, int targets)
    {
        InputWidth = inputs;
        CarryWidth = carry;
        TargetWidth = targets;
        Keys = new long[capacity];
        HasTarget = new bool[capacity];
        Inputs = Objects.Rent(capacity * inputs);
        Carry = Objects.Rent(capacity * carry);
        Current = Values.Rent(capacity * targets);
    }

    /// <summary>No rows: the end of the keys.</summary>
    public static RowBatch Empty => new(0, 0, 0, 0);

    public int Count { get; set; }
    public int InputWidth { get; }
    public int CarryWidth { get; }
    public int TargetWidth { get; }
    public long[] Keys { get; }
    /// <summary>Whether the derived row already exists.</summary>
    public bool[] HasTarget { get; }
    public object?[] Inputs { get; }
    public object?[] Carry { get; }
    /// <summary>Current values of the target columns (NULL = still to fill).</summary>
    public double?[] Current { get; }
    /// <summary>Where text inputs read as UTF-8 live (<see cref="ReadOnlyMemory{T}"/> inputs point into it).</summary>
    public TextArena Text { get; } = new();

    /// <summary>
    /// Gives the inputs, carried and current values and the text back to their pools once the batch is planned:
    /// only <see cref="Keys"/>, <see cref="HasTarget"/> and <see cref="Count"/> stay valid.
    /// </summary>
    public void ReleaseValues()
    {
        if (_released) return;
        _released = true;
        Text.Release();
        Objects.Return(Inputs, clearArray: true); // no payloads kept alive by a pooled array
        Objects.Return(Carry, clearArray: true);
        Values.Return(Current);
    }

    public ReadOnlySpan<object?> InputsOf(int row) => Inputs.AsSpan(row * InputWidth, InputWidth);
    public ReadOnlySpan<object?> CarryOf(int row) => Carry.AsSpan(row * CarryWidth, CarryWidth);
    public ReadOnlySpan<double?> CurrentOf(int row) => Current.AsSpan(row * TargetWidth, TargetWidth);
}

/// <summary>The rows of a batch that get values: updates of existing derived rows and inserts of missing ones.</summary>
/// <param name="rows">Expected updates: sizing the lists once spares the large arrays they would regrow through.</param>
public sealed class WriteSet(int targets, int rows = 0)
{
    public int Width { get; } = targets;
    public List<long> UpdateKeys { get; } = new(rows);
    public List<double?> UpdateValues { get; } = new(rows * targets);
    public List<long> InsertKeys { get; } = [];
    public List<object?> InsertCarry { get; } = [];
    public List<double?> InsertValues { get; } = [];

    public void AddUpdate(long key, ReadOnlySpan<double?> values)
    {
        UpdateKeys.Add(key);
        foreach (var v in values) UpdateValues.Add(v);
    }

    public void AddInsert(long key, ReadOnlySpan<object?> carry, ReadOnlySpan<double?> values)
    {
        InsertKeys.Add(key);
        foreach (var c in carry) InsertCarry.Add(c);
        foreach (var v in values) InsertValues.Add(v);
    }

    public bool IsEmpty => UpdateKeys.Count == 0 && InsertKeys.Count == 0;
}

/// <summary>Keys the database actually changed; a key missing from both was filled concurrently by someone else.</summary>
public sealed record WriteResult(IReadOnlySet<long> Updated, IReadOnlySet<long> Inserted);
