namespace Backfill.Core.Sql;

/// <summary>
/// Rows read for one batch, in flat arrays (row-major) to keep the hot path free of per-row objects.
/// </summary>
public sealed class RowBatch
{
    public RowBatch(int capacity, int inputs, int carry, int targets)
    {
        InputWidth = inputs;
        CarryWidth = carry;
        TargetWidth = targets;
        Keys = new long[capacity];
        HasTarget = new bool[capacity];
        Inputs = new object?[capacity * inputs];
        Carry = new object?[capacity * carry];
        Current = new double?[capacity * targets];
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
