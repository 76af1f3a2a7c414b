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

/// <summary>The settings a run was started with; a resumed run keeps them.</summary>
public sealed record RunSettings
{
    public long? Limit { get; init; }
    public int BatchSize { get; init; } = 500;
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public bool Overwrite { get; init; }
}

public sealed record BatchRecord(long RunId, long BatchNo, long FirstKey, long LastKey, long Rows,
    long Updated, long Inserted, long Skipped, long Errors, double DurationMs, DateTime CommittedAt);

public sealed record RowError(long RunId, long RowKey, string Reason, string? Message);
