using Backfill.Core.Jobs;

namespace Backfill.Core.Runs;

/// <summary>What the user asked for; validated once before anything touches the database.</summary>
public sealed record RunRequest
{
    public const int DefaultBatchSize = 500;
    public const int MaxBatchSize = 100_000;

    public required JobSpec Job { get; init; }
    public bool DryRun { get; init; }
    public long? Limit { get; init; }
    public int BatchSize { get; init; } = DefaultBatchSize;
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public bool Overwrite { get; init; }
    /// <summary>Continue the job's unfinished run from its checkpoint, with its original settings.</summary>
    public bool Resume { get; init; }

    public RunRequest Validate()
    {
        if (Limit is <= 0) throw new ArgumentException("--limit must be a positive number of rows.");
        if (BatchSize is <= 0 or > MaxBatchSize) throw new ArgumentException($"--batch-size must be between 1 and {MaxBatchSize}.");
        if (From is { } f && To is { } t && t <= f) throw new ArgumentException("--to must be later than --from.");
        if (Resume && DryRun) throw new ArgumentException("--resume continues a real run; it cannot be combined with --dry-run.");
        return this;
    }

    public RunSettings Settings => new() { Limit = Limit, BatchSize = BatchSize, From = From, To = To, Overwrite = Overwrite };
}

/// <summary>Progress after each batch, for a progress bar or plain lines.</summary>
public sealed record RunProgress(long Processed, long Total, long Updated, long Inserted, long Skipped, long Errors, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Processed / Elapsed.TotalSeconds : 0;
    public TimeSpan? Eta => RowsPerSecond > 0 && Total > Processed ? TimeSpan.FromSeconds((Total - Processed) / RowsPerSecond) : null;
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
}
