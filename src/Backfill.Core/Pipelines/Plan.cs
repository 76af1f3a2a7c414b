namespace Backfill.Core.Pipelines;

/// <summary>One slot as planned: skipped up front (bootstrap) or to run after its upstream slots.</summary>
public sealed record PlannedSlot(SlotKey Key, int Phase, string Status, string? Reason, IReadOnlyList<SlotKey> Upstream, IReadOnlyList<string> PredictedMissing)
{
    public bool WillRun => Status == SlotStatus.Planned;
    public bool PredictedToFail => PredictedMissing.Count > 0;
}

/// <summary>A processor the plan does not run, and why (e.g. it cannot run on historical dates).</summary>
public sealed record LeftOut(string Processor, string Reason);

/// <summary>How many scheduled dates of the range a raw table holds rows for.</summary>
public sealed record CoverageLine(string Table, int Expected, int Covered, IReadOnlyList<DateOnly> Missing)
{
    public double Pct => Expected == 0 ? 0 : 100.0 * Covered / Expected;
}

/// <summary>The resolved graph of a partitioned run: what runs, in which order, what is skipped, and whether it can succeed.</summary>
public sealed class Plan
{
    public required PipelineSpec Pipeline { get; init; }
    public required PipelineRequest Request { get; init; }
    public required PartitionCalendar Calendar { get; init; }
    public required IReadOnlyList<IPartitionProcessor> Processors { get; init; }
    public required IReadOnlyList<LeftOut> LeftOut { get; init; }
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required IReadOnlyDictionary<SlotKey, PlannedSlot> Slots { get; init; }
    public required IReadOnlyList<CoverageLine> Coverage { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
    public required IReadOnlyDictionary<string, double> MsPerSlot { get; init; }

    public bool Feasible => Problems.Count == 0;

    public IEnumerable<PhaseSpec> PhasesInPlan => Pipeline.Phases.Where(ph => Processors.Any(p => p.Spec.Phase == ph.Number));

    public IEnumerable<Season> SeasonsInPlan => Calendar.Seasons.Where(s => Dates.Any(d => d >= s.Start && d <= s.End));

    public int IndexOf(string processor) => Processors.Select((p, i) => (p, i)).First(x => x.p.Spec.Name == processor).i;

    /// <summary>Sum of recorded mean slot durations, spread over the parallel workers; null without any history.</summary>
    public (TimeSpan? Estimate, IReadOnlyList<string> WithoutHistory) Estimate()
    {
        var total = 0.0;
        var without = new List<string>();
        foreach (var group in Slots.Values.Where(s => s.WillRun).GroupBy(s => s.Key.Processor))
        {
            if (MsPerSlot.TryGetValue(group.Key, out var ms)) total += ms * group.Count();
            else without.Add(group.Key);
        }
        var workers = Math.Max(1, Math.Min(Request.Parallel, Environment.ProcessorCount));
        return (total > 0 ? TimeSpan.FromMilliseconds(total / workers) : null, without);
    }
}
