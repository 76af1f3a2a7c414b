using System.Globalization;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

public static class RunStates
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Interrupted = "interrupted";
    public const string Failed = "failed";
    /// <summary>An unfinished run the user chose not to resume.</summary>
    public const string Abandoned = "abandoned";
    /// <summary>A gate said STOP; what it guards was not run.</summary>
    public const string Stopped = "stopped";
}

/// <summary>One execution of a job as the ledger holds it.</summary>
public sealed record RunRecord
{
    public required long RunId { get; init; }
    public required string Job { get; init; }
    public required string State { get; init; }
    public required DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public DateTime? HeartbeatAt { get; init; }
    public required RunSettings Settings { get; init; }
    /// <summary>The settings as stored; partitioned runs keep theirs here (see Pipelines.PipelineRequest).</summary>
    public string OptionsJson { get; init; } = "{}";
    public long? MinKey { get; init; }
    public long? MaxKey { get; init; }
    public long? CheckpointKey { get; init; }
    public long? CandidatesAtStart { get; init; }
    public long Processed { get; init; }
    public long Updated { get; init; }
    public long Inserted { get; init; }
    public long Skipped { get; init; }
    public long Errors { get; init; }
    public long Batches { get; init; }
    /// <summary>Counts per "skipped:reason" / "error:reason".</summary>
    public IReadOnlyDictionary<string, long> Reasons { get; init; } = new Dictionary<string, long>();
    public NullStats? NullsBefore { get; init; }
    public NullStats? NullsAfter { get; init; }
    public string? Message { get; init; }

    /// <summary>A run of a pipeline by date partition (its slots are in backfill_slots), not a row job.</summary>
    public bool IsPartitioned => OptionsJson.Contains("\"pipeline\"", StringComparison.Ordinal);

    public bool IsUnfinished => State is RunStates.Running or RunStates.Interrupted;
    public TimeSpan? Duration => (FinishedAt ?? HeartbeatAt) - StartedAt;
}

/// <summary>
/// The settings a run was started with (stored as JSON with the run); a resumed run keeps them. Runs
/// recorded before sizing by time and throttling existed have none of those fields: a fixed batch size
/// and no limits, as they ran.
/// </summary>
public sealed record RunSettings
{
    public long? Limit { get; init; }
    /// <summary>Rows per batch when <see cref="BatchTime"/> is null; otherwise the first batch's size.</summary>
    public int BatchSize { get; init; } = RunRequest.DefaultBatchSize;
    /// <summary>Sizing by time: the busy time one batch should take, in seconds; null = every batch has <see cref="BatchSize"/>.</summary>
    public double? BatchTime { get; init; }
    /// <summary>Smallest batch (by time), and the floor of the retries after a timeout (both modes).</summary>
    public int? MinBatch { get; init; }
    /// <summary>Largest batch (by time).</summary>
    public int? MaxBatch { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public bool Overwrite { get; init; }
    /// <summary>Pause while the load (active backends + waiting locks) is above this.</summary>
    public double? MaxLoad { get; init; }
    /// <summary>Stop cleanly (interrupted, checkpoint kept) when the load is above this.</summary>
    public double? CriticalLoad { get; init; }
    /// <summary>Pause while the replicas' replay lag is above this many seconds.</summary>
    public double? MaxLag { get; init; }
    /// <summary>The writer is busy at most this fraction of wall time (0 &lt; F ≤ 1).</summary>
    public double? DutyCycle { get; init; }
    /// <summary>Run at the lowest CPU priority, and the server sessions too when the server is on this machine.</summary>
    public bool LowPriority { get; init; }
    /// <summary>Confine the engine and its local server sessions to this many CPUs; null = all.</summary>
    public int? Cores { get; init; }
    /// <summary>Per-batch lock_timeout in seconds (PostgreSQL); null = the server's, 0 = none.</summary>
    public double? LockTimeout { get; init; }
    /// <summary>Per-batch statement_timeout in seconds (PostgreSQL); null = the server's, 0 = none.</summary>
    public double? StatementTimeout { get; init; }
    /// <summary>Batches written at once, each on a session of its own (PostgreSQL); null = one.</summary>
    public int? Writers { get; init; }

    /// <summary>How many batches are written at once.</summary>
    public int WriterCount => Writers ?? 1;

    /// <summary>How batch sizes are chosen for this run.</summary>
    public BatchSizeOptions Sizing()
    {
        var min = MinBatch ?? Math.Min(BatchSizeOptions.DefaultMinSize, MaxBatch ?? int.MaxValue);
        if (BatchTime is not { } seconds) return BatchSizeOptions.Fixed(BatchSize, min);
        return new BatchSizeOptions
        {
            TargetBatchTime = TimeSpan.FromSeconds(seconds),
            MinSize = min,
            MaxSize = MaxBatch ?? Math.Max(BatchSizeOptions.DefaultMaxSize, min),
            InitialSize = BatchSize,
        };
    }

    public ThrottleOptions Throttle() => new()
    {
        MaxLoad = MaxLoad,
        CriticalLoad = CriticalLoad,
        MaxLagSeconds = MaxLag,
        DutyCycle = DutyCycle,
    };

    public BatchTimeouts Timeouts() => new(
        LockTimeout is { } l ? TimeSpan.FromSeconds(l) : null,
        StatementTimeout is { } s ? TimeSpan.FromSeconds(s) : null);

    /// <summary>"batch-size 500" or "batch-time 0.5 s (50–5,000 rows)", and ", 2 writers" with several, for summaries.</summary>
    public string DescribeBatching()
    {
        var sizing = Sizing();
        var batching = sizing.FixedSize is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"batch-size {n:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"batch-time {sizing.TargetBatchTime.TotalSeconds:0.###} s ({sizing.MinSize:N0}–{sizing.MaxSize:N0} rows)");
        return WriterCount > 1 ? $"{batching}, {WriterCount} writers" : batching;
    }
}

public sealed record BatchRecord(long RunId, long BatchNo, long FirstKey, long LastKey, long Rows,
    long Updated, long Inserted, long Skipped, long Errors, double DurationMs, DateTime CommittedAt);

public sealed record RowError(long RunId, long RowKey, string Reason, string? Message);
