namespace Backfill.Core.Pipelines;

public static class SlotStatus
{
    public const string Planned = "planned";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static bool IsTerminal(string status) => status is Success or Failed or Skipped;
}

/// <summary>Why a slot was skipped; the first word is stable for queries, the rest explains.</summary>
public static class SkipReasons
{
    public const string Bootstrap = "bootstrap";
    public const string UpstreamFailed = "upstream_failed";
    public const string Halted = "halted";
}

public readonly record struct SlotKey(string Processor, DateOnly Date)
{
    public override string ToString() => $"{Processor} {Date:yyyy-MM-dd}";
}

/// <summary>One (processor, date) of a run, as the ledger holds it (the seeds' processor_run_history row).</summary>
public sealed record SlotRecord
{
    public required long RunId { get; init; }
    public required string Processor { get; init; }
    public required DateOnly Date { get; init; }
    public required int Phase { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public int Attempts { get; init; }
    public long RowsRead { get; init; }
    public long RowsWritten { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public double? DurationMs { get; init; }
    public string? Error { get; init; }
    public string? MissingDependencies { get; init; }

    public SlotKey Key => new(Processor, Date);
}

/// <summary>A gate's verdict on a range, as recorded.</summary>
public sealed record GateResult(string Gate, string Scope, DateOnly From, DateOnly To, bool Sample, double? Value, Verdict Verdict, string Detail);
