namespace Backfill.Core.Pipelines;

/// <summary>A named set of partitioned processors, in phases, over a schedule, with gates between phases.</summary>
public sealed record PipelineSpec
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required CalendarSource Calendar { get; init; }
    public required IReadOnlyList<PhaseSpec> Phases { get; init; }
    public required IReadOnlyList<IPartitionProcessor> Processors { get; init; }
    public IReadOnlyList<GateSpec> Gates { get; init; } = [];

    /// <summary>Raw tables whose per-date coverage against the schedule `plan` reports.</summary>
    public IReadOnlyList<Dependency> RawSources { get; init; } = [];

    public IPartitionProcessor? Find(string name) => Processors.FirstOrDefault(p => p.Spec.Name == name);
}

/// <summary>A phase. In an ordered phase each processor waits, date by date, for the one listed before it.</summary>
public sealed record PhaseSpec(int Number, string Name, bool Ordered = false);
