namespace Backfill.Core.Pipelines;

/// <summary>
/// What a partitioned processor is: the table it owns, the phase it belongs to, what it reads and how much history
/// it needs. The engine plans, orders, checks and records slots from this alone.
/// </summary>
public sealed record PartitionProcessorSpec
{
    public required string Name { get; init; }
    public required int Phase { get; init; }
    public required string Description { get; init; }

    /// <summary>The output table; one partition is every row with a given date in <see cref="DateColumn"/>.</summary>
    public required string Table { get; init; }
    public string DateColumn { get; init; } = "game_date";

    /// <summary>Upstream processors and raw tables this processor reads, with how far back it reads them.</summary>
    public IReadOnlyList<Dependency> DependsOn { get; init; } = [];

    /// <summary>Calendar days at the start of each season for which there is not enough history: skipped, not failed.</summary>
    public int BootstrapDays { get; init; }

    /// <summary>Why this processor cannot run for past dates (it needs data that only exists before the event); null when it can.</summary>
    public string? NotHistorical { get; init; }

    public bool IsHistorical => NotHistorical is null;
}

public enum DependencyKind { Processor, Table }

/// <summary>
/// An input of a processor for date D: the rows of an upstream processor's table, or of a raw table, dated
/// within [D - LookbackDays, D]. Only dates on the calendar are expected to hold rows.
/// </summary>
public sealed record Dependency(string Name, DependencyKind Kind, int LookbackDays = 0, string DateColumn = "game_date")
{
    public static Dependency OnProcessor(string name, int lookbackDays = 0) => new(name, DependencyKind.Processor, lookbackDays);
    public static Dependency OnTable(string table, string dateColumn = "game_date", int lookbackDays = 0) => new(table, DependencyKind.Table, lookbackDays, dateColumn);
}
