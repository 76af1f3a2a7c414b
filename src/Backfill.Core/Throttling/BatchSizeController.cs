namespace Backfill.Core.Throttling;

/// <summary>
/// How batch sizes are chosen: by time (the default: each batch should keep the writer busy for about
/// <see cref="TargetBatchTime"/>) or fixed (<see cref="FixedSize"/>, from <c>--batch-size</c>).
/// </summary>
public sealed record BatchSizeOptions
{
    public const int DefaultMinSize = 50;
    public const int DefaultMaxSize = 5_000; // bounds the memory of a batch (its rows, the read-ahead and the write arrays): flat RSS whatever the table size
    public const int DefaultInitialSize = 500;
    public static readonly TimeSpan DefaultTargetBatchTime = TimeSpan.FromSeconds(0.5);

    /// <summary>The busy time one batch should take (compute, write, ledger, commit).</summary>
    public TimeSpan TargetBatchTime { get; init; } = DefaultTargetBatchTime;
    /// <summary>Smallest batch; also the floor of the retries after a timeout.</summary>
    public int MinSize { get; init; } = DefaultMinSize;
    public int MaxSize { get; init; } = DefaultMaxSize;
    /// <summary>Size of the first batch, before any rate is known (clamped to [min, max]).</summary>
    public int InitialSize { get; init; } = DefaultInitialSize;
    /// <summary>Largest factor between two consecutive sizes when growing (1.2 = at most 20% a step).</summary>
    public double MaxGrowth { get; init; } = 1.2;
    /// <summary>Weight of the newest observation in the smoothed rows/s (exponentially weighted moving average).</summary>
    public double Smoothing { get; init; } = 0.3;
    /// <summary>Every batch has this size (<c>--batch-size</c>); null = sizing by time.</summary>
    public int? FixedSize { get; init; }

    public static BatchSizeOptions Fixed(int size, int minSize = DefaultMinSize) =>
        new() { FixedSize = size, MinSize = minSize, MaxSize = Math.Max(DefaultMaxSize, minSize) };

    public BatchSizeOptions Validate()
    {
        if (FixedSize is <= 0) throw new ArgumentException("The fixed batch size must be at least 1.");
        if (MinSize < 1) throw new ArgumentException("--min-batch must be at least 1.");
        if (MaxSize < MinSize) throw new ArgumentException($"--max-batch ({MaxSize}) must be at least --min-batch ({MinSize}).");
        if (TargetBatchTime <= TimeSpan.Zero) throw new ArgumentException("--batch-time must be more than 0 seconds.");
        if (MaxGrowth < 1) throw new ArgumentException("The growth factor must be at least 1.");
        if (Smoothing is <= 0 or > 1) throw new ArgumentException("The smoothing factor must be in (0, 1].");
        return this;
    }
}

/// <summary>
/// What one batch did: the rows it processed (read and accounted for, whatever their outcome) and the
/// time it took, or that it timed out. The key span is deliberately absent: a sparse range of NULLs
/// spans many keys with few rows, and the size is counted in rows.
/// </summary>
public readonly record struct BatchObservation(int Rows, TimeSpan Elapsed, bool TimedOut = false)
{
    public static BatchObservation Completed(int rows, TimeSpan elapsed) => new(rows, elapsed);
    public static BatchObservation Timeout(int attemptedRows, TimeSpan elapsed) => new(attemptedRows, elapsed, TimedOut: true);
}

/// <summary>
/// Chooses the size of the next batch. By time: the smoothed rows/s (EWMA of rows processed over busy
/// time) times the target batch time, growing by at most <see cref="BatchSizeOptions.MaxGrowth"/> a step
/// (shrinking is immediate), halved after a timeout, clamped to [min, max]. Fixed: always the fixed size.
/// Deterministic and free of clocks and I/O: the caller passes each batch's measured time.
/// </summary>
public sealed class BatchSizeController
{
    private readonly BatchSizeOptions _options;

    public BatchSizeController(BatchSizeOptions options)
    {
        _options = options.Validate();
        Size = options.FixedSize ?? Clamp(options.InitialSize);
    }

    public BatchSizeOptions Options => _options;

    /// <summary>The size for the next batch.</summary>
    public int Size { get; private set; }

    /// <summary>Smoothed rows per second of busy time; null before the first completed batch.</summary>
    public double? SmoothedRowsPerSecond { get; private set; }

    public bool IsFixed => _options.FixedSize is not null;

    /// <summary>Takes one batch's observation into account and returns the size of the next batch.</summary>
    public int Next(BatchObservation observation)
    {
        if (_options.FixedSize is { } fixedSize) return Size = fixedSize;
        if (observation.TimedOut)
        {
            var attempted = observation.Rows > 0 ? Math.Min(Size, observation.Rows) : Size;
            return Size = Clamp(attempted / 2);
        }
        if (observation.Rows <= 0) return Size; // nothing learnt (an empty batch)

        double desired;
        if (observation.Elapsed <= TimeSpan.Zero)
        {
            desired = double.PositiveInfinity; // faster than the clock can tell: grow as fast as allowed
        }
        else
        {
            var rate = observation.Rows / observation.Elapsed.TotalSeconds;
            SmoothedRowsPerSecond = SmoothedRowsPerSecond is { } previous
                ? (_options.Smoothing * rate) + ((1 - _options.Smoothing) * previous)
                : rate;
            desired = SmoothedRowsPerSecond.Value * _options.TargetBatchTime.TotalSeconds;
        }

        var next = desired;
        if (desired > Size)
        {
            next = Math.Min(desired, Math.Floor(Size * _options.MaxGrowth));
            // Below 5 rows, 20% is less than a row: grow by one, so a tiny size is not stuck for ever.
            if (next < Size + 1 && desired >= Size + 1) next = Size + 1;
        }
        return Size = Clamp(next);
    }

    /// <summary>
    /// The size to re-read a batch of <paramref name="attemptedRows"/> rows with after it timed out: half
    /// of it, not below the minimum; null when it already was at the minimum (record it as a failed range).
    /// Applies in fixed mode too (the fixed size resumes after the failed range).
    /// </summary>
    public int? RetrySize(int attemptedRows)
    {
        var floor = Math.Max(1, _options.MinSize);
        if (attemptedRows <= floor) return null;
        return Math.Max(floor, attemptedRows / 2);
    }

    private int Clamp(double size)
    {
        if (double.IsNaN(size)) return _options.MinSize;
        return (int)Math.Clamp(Math.Round(size, MidpointRounding.AwayFromZero), _options.MinSize, _options.MaxSize);
    }
}
