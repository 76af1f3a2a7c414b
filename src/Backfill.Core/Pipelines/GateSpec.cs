namespace Backfill.Core.Pipelines;

public enum Verdict { Proceed, Warn, Stop }

/// <summary>
/// A validation over the rows of a table dated within the range just processed. Scope is the processor (or
/// "phase N") after which it runs; a STOP halts every later phase.
/// </summary>
public abstract record GateSpec
{
    public required string Name { get; init; }
    public required string Scope { get; init; }
    public required string Table { get; init; }
    public string DateColumn { get; init; } = "game_date";
}

/// <summary>Percent of rows whose column is NULL: PROCEED at or below ProceedMax, WARN at or below WarnMax, else STOP.</summary>
public sealed record NullRateGate : GateSpec
{
    public required string Column { get; init; }
    public required double ProceedMaxPct { get; init; }
    public required double WarnMaxPct { get; init; }
}

/// <summary>Percent of the dates expected to hold rows (scheduled, minus the scope processor's bootstrap days) that do.</summary>
public sealed record CoverageGate : GateSpec
{
    public required double ProceedMinPct { get; init; }
    public required double WarnMinPct { get; init; }
}

/// <summary>Rows per covered date must lie within [Min, Max]; outside is STOP.</summary>
public sealed record VolumeGate : GateSpec
{
    public required double MinRowsPerDate { get; init; }
    public required double MaxRowsPerDate { get; init; }
}

/// <summary>Share of rows whose completeness column is at least GoodAtLeast: PROCEED at or above ProceedMinPct, WARN at or above WarnMinPct.</summary>
public sealed record QualityBucketsGate : GateSpec
{
    public required string Column { get; init; }
    public IReadOnlyList<double> Buckets { get; init; } = [90, 70, 50];
    public double GoodAtLeast { get; init; } = 90;
    public required double ProceedMinPct { get; init; }
    public required double WarnMinPct { get; init; }
}
