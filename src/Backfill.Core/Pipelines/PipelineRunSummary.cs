using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Pipelines;

/// <summary>Per processor: slots by status, the latest date done, rows written (seed 003's monitoring query).</summary>
public sealed record ProcessorTally(string Processor, int Phase, int Success, int Failed, int Skipped, int Unfinished, DateOnly? LatestDate, long RowsWritten);

/// <summary>A partitioned run as the ledger holds it: the run, its slots per processor, failures and gate verdicts.</summary>
public sealed record PipelineRunSummary(RunRecord Run, IReadOnlyList<ProcessorTally> Processors, IReadOnlyList<SlotRecord> Failures,
    IReadOnlyList<SlotRecord> Slots, IReadOnlyList<GateResult> Gates)
{
    public static async Task<PipelineRunSummary> LoadAsync(SqlStore store, long runId, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct) ?? throw new ArgumentException($"There is no run {runId}.");
        var slots = await store.SlotsAsync(runId, ct);
        var tallies = slots.GroupBy(s => s.Processor).Select(g => new ProcessorTally(g.Key, g.First().Phase,
                g.Count(s => s.Status == SlotStatus.Success), g.Count(s => s.Status == SlotStatus.Failed), g.Count(s => s.Status == SlotStatus.Skipped),
                g.Count(s => !SlotStatus.IsTerminal(s.Status)),
                g.Where(s => s.Status == SlotStatus.Success).Select(s => (DateOnly?)s.Date).Max(), g.Sum(s => s.RowsWritten)))
            .OrderBy(t => t.Phase).ThenBy(t => slots.First(s => s.Processor == t.Processor).Date).ThenBy(t => t.Processor, StringComparer.Ordinal).ToList();
        return new PipelineRunSummary(run, tallies, slots.Where(s => s.Status == SlotStatus.Failed).ToList(), slots, await store.GateResultsAsync(runId, ct));
    }

    public int Count(string status) => Slots.Count(s => s.Status == status);
}
