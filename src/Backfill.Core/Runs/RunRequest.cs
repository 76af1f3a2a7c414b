using System.Globalization;
using Backfill.Core.Jobs;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>What the user asked for; validated once before anything touches the database.</summary>
public sealed record RunRequest
{
    /// <summary>The first batch's size when sizing by time (and the size of runs recorded before it existed).</summary>
    public const int DefaultBatchSize = BatchSizeOptions.DefaultInitialSize;
    public const int MaxBatchSize = 100_000;
    public const int MaxWriters = 8;
    public static readonly TimeSpan MaxBatchTime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public required JobSpec Job { get; init; }
    public bool DryRun { get; init; }
    public long? Limit { get; init; }
    /// <summary>Fixes every batch's size (<c>--batch-size</c>); null = sized by time (<see cref="BatchTime"/>).</summary>
    public int? BatchSize { get; init; }
    /// <summary>Target busy time per batch when sizing by time; null = the default 0.5 s.</summary>
    public TimeSpan? BatchTime { get; init; }
    public int? MinBatch { get; init; }
    public int? MaxBatch { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public bool Overwrite { get; init; }
    /// <summary>Continue the job's unfinished run from its checkpoint, with its original settings.</summary>
    public bool Resume { get; init; }
    public double? MaxLoad { get; init; }
    public double? CriticalLoad { get; init; }
    public TimeSpan? MaxLag { get; init; }
    public double? DutyCycle { get; init; }
    /// <summary>Lowest CPU priority for the engine and, on this machine, its server sessions (<c>--low-priority</c>).</summary>
    public bool LowPriority { get; init; }
    /// <summary>Confine the engine and, on this machine, its server sessions to this many CPUs (<c>--cores</c>); null = all.</summary>
    public int? Cores { get; init; }
    /// <summary>Per-batch lock_timeout (PostgreSQL); null = the server's setting, zero = none.</summary>
    public TimeSpan? LockTimeout { get; init; } = BatchTimeouts.DefaultLockTimeout;
    /// <summary>Per-batch statement_timeout (PostgreSQL); null = the server's setting, zero = none.</summary>
    public TimeSpan? StatementTimeout { get; init; } = BatchTimeouts.DefaultStatementTimeout;
    /// <summary>Batches written at once, each on a session of its own (<c>--writers</c>, PostgreSQL); null = one.</summary>
    public int? Writers { get; init; }

    public RunRequest Validate()
    {
        if (Limit is <= 0) throw new ArgumentException("--limit must be a positive number of rows.");
        if (BatchSize is <= 0 or > MaxBatchSize) throw new ArgumentException($"--batch-size must be between 1 and {MaxBatchSize}.");
        if (BatchSize is not null && BatchTime is not null)
            throw new ArgumentException("--batch-size fixes every batch's size and --batch-time sizes batches by time: give one of them.");
        if (BatchSize is not null && MaxBatch is not null)
            throw new ArgumentException("--max-batch bounds sizing by time; with --batch-size every batch has that size.");
        if (BatchTime is { } t && (t <= TimeSpan.Zero || t > MaxBatchTime))
            throw new ArgumentException($"--batch-time must be more than 0 and at most {MaxBatchTime.TotalSeconds:0} seconds.");
        if (MinBatch is <= 0 or > MaxBatchSize) throw new ArgumentException($"--min-batch must be between 1 and {MaxBatchSize}.");
        if (MaxBatch is <= 0 or > MaxBatchSize) throw new ArgumentException($"--max-batch must be between 1 and {MaxBatchSize}.");
        if (MinBatch is { } min && MaxBatch is { } max && min > max)
            throw new ArgumentException($"--min-batch ({min}) must not be above --max-batch ({max}).");
        if (From is { } f && To is { } to && to <= f) throw new ArgumentException("--to must be later than --from.");
        if (Resume && DryRun) throw new ArgumentException("--resume continues a real run; it cannot be combined with --dry-run.");
        if (Cores is <= 0) throw new ArgumentException("--cores must be at least 1.");
        if (MaxLag is { } lag && lag <= TimeSpan.Zero) throw new ArgumentException("--max-lag must be more than 0 seconds.");
        if (LockTimeout is { } lt && (lt < TimeSpan.Zero || lt > MaxTimeout)) throw new ArgumentException("--lock-timeout must be between 0 (none) and 1 day.");
        if (StatementTimeout is { } st && (st < TimeSpan.Zero || st > MaxTimeout)) throw new ArgumentException("--statement-timeout must be between 0 (none) and 1 day.");
        if (Writers is < 1 or > MaxWriters) throw new ArgumentException($"--writers must be between 1 and {MaxWriters}.");
        if (Writers > 1 && DutyCycle is not null)
            throw new ArgumentException("--duty-cycle rests the database between one writer's batches; it cannot be combined with --writers above 1.");
        Settings.Throttle().Validate();
        Settings.Sizing().Validate();
        return this;
    }

    public RunSettings Settings => new()
    {
        Limit = Limit,
        BatchSize = BatchSize ?? DefaultBatchSize,
        BatchTime = BatchSize is null ? (BatchTime ?? BatchSizeOptions.DefaultTargetBatchTime).TotalSeconds : null,
        MinBatch = MinBatch,
        MaxBatch = MaxBatch,
        From = From,
        To = To,
        Overwrite = Overwrite,
        MaxLoad = MaxLoad,
        CriticalLoad = CriticalLoad,
        MaxLag = MaxLag?.TotalSeconds,
        DutyCycle = DutyCycle,
        LowPriority = LowPriority,
        Cores = Cores,
        LockTimeout = LockTimeout?.TotalSeconds,
        StatementTimeout = StatementTimeout?.TotalSeconds,
        Writers = Writers is > 1 ? Writers : null,
    };
}

/// <summary>Progress after each batch, for a progress bar or plain lines.</summary>
/// <param name="Total">The rows the run will process; null while they are being counted.</param>
public sealed record RunProgress(long Processed, long? Total, long Updated, long Inserted, long Skipped, long Errors, TimeSpan Elapsed)
{
    /// <summary>Set while the run is paused by the throttle: why ("load 12 > max 8 (...)").</summary>
    public string? Paused { get; init; }
    /// <summary>The size of the next batch to read.</summary>
    public int BatchSize { get; init; }

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Processed / Elapsed.TotalSeconds : 0;
    public TimeSpan? Eta => RowsPerSecond > 0 && Total is { } total && total > Processed ? TimeSpan.FromSeconds((total - Processed) / RowsPerSecond) : null;
}

/// <summary>The outcome of a run (or of a dry run, which has no ledger record).</summary>
public sealed record RunResult
{
    public RunRecord? Run { get; init; }
    public required string Job { get; init; }
    public bool DryRun { get; init; }
    public bool Resumed { get; init; }
    public long Processed { get; init; }
    public long Updated { get; init; }
    public long Inserted { get; init; }
    public long Skipped { get; init; }
    public long Errors { get; init; }
    public long Batches { get; init; }
    public IReadOnlyDictionary<string, long> Reasons { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<RowError> SampleErrors { get; init; } = [];
    public NullStats? NullsBefore { get; init; }
    public NullStats? NullsAfter { get; init; }
    public TimeSpan Elapsed { get; init; }
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Processed / Elapsed.TotalSeconds : 0;
    /// <summary>Set when the throttle stopped the run ("critical load 9 > 8 (...)"): it is interrupted, continue with --resume.</summary>
    public string? StoppedBy { get; init; }
    /// <summary>Batch sizes, pauses, sleeps, timeouts and failed ranges of this process's part of the run.</summary>
    public ThrottleSummary? Throttling { get; init; }
}

/// <summary>What sizing and throttling did during a run (this process's part of it).</summary>
public sealed record ThrottleSummary
{
    /// <summary>"batch-size 500" or "batch-time 0.5 s (50–5,000 rows)".</summary>
    public required string Batching { get; init; }
    public int SmallestBatch { get; init; }
    public int LargestBatch { get; init; }
    /// <summary>The size the controller would give the next batch when the run ended.</summary>
    public int LastBatchSize { get; init; }
    public int Pauses { get; init; }
    public double PausedSeconds { get; init; }
    /// <summary>The reason of the first pause.</summary>
    public string? PauseReason { get; init; }
    /// <summary>Time slept to keep the duty cycle.</summary>
    public double DutySleepSeconds { get; init; }
    /// <summary>With --low-priority or --cores: what was lowered or pinned ("nice 19: engine and its 2 server sessions", or why the sessions were not).</summary>
    public string? CpuShare { get; init; }
    /// <summary>Batches that hit lock_timeout or statement_timeout (each was rolled back, then retried smaller or recorded as failed).</summary>
    public int Timeouts { get; init; }
    public IReadOnlyList<FailedRange> FailedRanges { get; init; } = [];

    /// <summary>"paused 2 times (3.1 s)…", for the run's message in the ledger; null when nothing happened.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (Pauses > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"paused {Pauses} time{(Pauses == 1 ? "" : "s")} ({PausedSeconds:0.0} s; first: {PauseReason})"));
        if (CpuShare is not null) parts.Add($"CPU share: {CpuShare}");
        if (DutySleepSeconds > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"duty cycle slept {DutySleepSeconds:0.0} s"));
        if (Timeouts > 0) parts.Add($"{Timeouts} batch timeout{(Timeouts == 1 ? "" : "s")}");
        if (FailedRanges.Count > 0)
            parts.Add($"{FailedRanges.Count} failed range{(FailedRanges.Count == 1 ? "" : "s")} (error:timeout, keys {string.Join(", ", FailedRanges.Take(5).Select(r => $"{r.FirstKey}..{r.LastKey}"))}{(FailedRanges.Count > 5 ? ", ..." : "")}; run the job again to fill them)");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

/// <summary>A key range that still timed out at the minimum batch size: not written, every key that needed a write recorded as error:timeout.</summary>
public sealed record FailedRange(long FirstKey, long LastKey, int Rows, int TimedOutKeys, string Reason);
