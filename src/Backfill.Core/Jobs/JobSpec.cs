namespace Backfill.Core.Jobs;

/// <summary>A named backfill: which processor fills which columns of which table, from which source.</summary>
public sealed record JobSpec
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string Processor { get; init; }
    public required SourceSpec Source { get; init; }
    public required TargetSpec Target { get; init; }

    /// <summary>Where the spec came from (built-in resource or a file path), for messages.</summary>
    public string Origin { get; init; } = "built-in";

    /// <summary>The job file's text, for 'backfill jobs NAME' (a user copies it to make a new job).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Yaml { get; init; } = "";
}

/// <summary>The raw rows a job reads: one root table keyed by an integer key, plus optional lookups.</summary>
public sealed record SourceSpec
{
    public required string Table { get; init; }
    public required string Key { get; init; }
    /// <summary>Timestamp column used by --from/--to, the audit's recent window and reports.</summary>
    public string? TimeColumn { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public IReadOnlyList<LookupSpec> Lookups { get; init; } = [];
}

/// <summary>A many-to-one lookup joined on a column shared by the root table and the lookup table.</summary>
public sealed record LookupSpec
{
    public required string Table { get; init; }
    public required string On { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
}

/// <summary>The derived table a job fills; its key equals the source key (one derived row per source row).</summary>
public sealed record TargetSpec
{
    public required string Table { get; init; }
    public required string Key { get; init; }
    /// <summary>Source columns copied into a derived row the job has to insert.</summary>
    public IReadOnlyList<string> Carry { get; init; } = [];
    public required IReadOnlyList<ColumnMapping> Columns { get; init; }
}

/// <summary>A target column and the processor output that fills it.</summary>
public sealed record ColumnMapping(string Column, string Output);
