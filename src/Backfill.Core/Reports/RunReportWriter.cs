using System.Text;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Core.Reports;

/// <summary>
/// The execution summary of a run, shaped like the hand-written reports it replaces (seed 000):
/// pre-checks, execution steps, before/after NULL table, row errors.
/// </summary>
public sealed class RunReportWriter(SqlStore store)
{
    private const int MaxBatchLines = 40;

    public async Task<string> WriteAsync(RunRecord run, CancellationToken ct)
    {
        var steps = await CampaignAsync(run, ct);
        var batches = await store.BatchesAsync(run.RunId, ct);
        var errors = await store.RowErrorsAsync(run.RunId, 20, ct);
        var before = steps[0].NullsBefore ?? run.NullsBefore;
        var sb = new StringBuilder();

        sb.AppendLine($"# {run.Job} backfill — Execution Summary (run {run.RunId})").AppendLine();
        sb.AppendLine($"**Database:** {store.Describe()}  ");
        sb.AppendLine($"**Started:** {Time(run.StartedAt)} UTC  ");
        sb.AppendLine($"**Finished:** {Time(run.FinishedAt)} UTC  ");
        sb.AppendLine($"**State:** {run.State}{(run.Message is null ? "" : $" ({run.Message})")}  ");
        sb.AppendLine($"**Duration:** {Duration(run.Duration)}").AppendLine();

        if (before is not null) PreChecks(sb, before);
        Execution(sb, steps, run, batches);
        if (before is not null && run.NullsAfter is not null) Validation(sb, before, run.NullsAfter);
        if (errors.Count > 0)
        {
            sb.AppendLine("## Row errors").AppendLine();
            if (run.Errors > errors.Count) sb.AppendLine($"First {errors.Count} of {N(run.Errors)}.").AppendLine();
            Table(sb, ["key", "reason", "message"], errors.Select(e => (IReadOnlyList<string>)[e.RowKey.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Reason, e.Message ?? ""]));
        }
        sb.AppendLine("*Dry runs compute everything and write nothing, so they do not appear in the ledger.*");
        return sb.ToString();
    }

    // The steps that led to this run: the job's immediately preceding runs that were limited trials
    // (seed 000: small batch of 200, then the full run).
    private async Task<IReadOnlyList<RunRecord>> CampaignAsync(RunRecord run, CancellationToken ct)
    {
        var earlier = (await store.ListRunsAsync(run.Job, 50, ct)).Where(r => r.RunId < run.RunId);
        var steps = new List<RunRecord> { run };
        foreach (var r in earlier)
        {
            if (r.Settings.Limit is null || r.State != RunStates.Completed) break;
            steps.Insert(0, r);
        }
        return steps;
    }

    private static void PreChecks(StringBuilder sb, NullStats before)
    {
        sb.AppendLine("## Pre-checks (baseline)").AppendLine();
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Total source rows", N(before.All.SourceRows) },
            new[] { "Rows in derived table", N(before.All.DerivedRows) },
            new[] { "Source rows without a derived row", N(before.All.MissingDerivedRows) },
        };
        foreach (var (column, nulls) in before.All.Nulls)
            rows.Add([$"NULL count ({column})", $"{N(nulls)} ({Pct(before.All.NullPercent(column))})"]);
        if (before.Recent is { } recent)
            foreach (var (column, nulls) in recent.Nulls)
                rows.Add([$"NULL count, last 7 days ({column})", N(nulls)]);
        Table(sb, ["Metric", "Value"], rows);
    }

    private static void Execution(StringBuilder sb, IReadOnlyList<RunRecord> steps, RunRecord run, IReadOnlyList<BatchRecord> batches)
    {
        sb.AppendLine("## Execution").AppendLine();
        Table(sb, ["Step", "Action", "Result"], steps.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Run {r.RunId}: {(r.Settings.Limit is { } l ? $"limit {N(l)}" : "full")}, {r.Settings.DescribeBatching()}{(r.Settings.Overwrite ? ", overwrite" : "")}",
            $"{N(r.Updated)} updated; {N(r.Inserted)} inserted; {N(r.Skipped)} skipped; {N(r.Errors)} errors",
        ]));
        var total = steps.Sum(s => s.Updated + s.Inserted);
        sb.AppendLine($"**Total rows written:** {N(total)}{(steps.Count > 1 ? $" ({string.Join(" + ", steps.Select(s => N(s.Updated + s.Inserted)))})" : "")}").AppendLine();

        if (run.Reasons.Count > 0)
        {
            sb.AppendLine($"### Skips and errors by reason (run {run.RunId})").AppendLine();
            Table(sb, ["Outcome", "Reason", "Rows"], run.Reasons.OrderByDescending(r => r.Value).Select(r =>
                (IReadOnlyList<string>)[r.Key.Split(':')[0], r.Key.Split(':', 2)[1], N(r.Value)]));
        }

        sb.AppendLine($"### Batches (run {run.RunId}: {N(batches.Count)})").AppendLine();
        var shown = batches.Count <= MaxBatchLines ? batches : batches.Take(MaxBatchLines / 2).Concat(batches.TakeLast(MaxBatchLines / 2)).ToList();
        Table(sb, ["Batch", "Keys", "Rows", "Updated", "Inserted", "Skipped", "Errors", "ms"], shown.Select(b => (IReadOnlyList<string>)
        [
            N(b.BatchNo), $"{b.FirstKey}–{b.LastKey}", N(b.Rows), N(b.Updated), N(b.Inserted), N(b.Skipped), N(b.Errors), N(b.DurationMs, 0),
        ]));
        if (shown.Count < batches.Count) sb.AppendLine($"({N(batches.Count - shown.Count)} batches in the middle not shown.)").AppendLine();
    }

    private static void Validation(StringBuilder sb, NullStats before, NullStats after)
    {
        sb.AppendLine("## Post-backfill validation").AppendLine();
        var rows = before.All.Nulls.Select(kv =>
        {
            var now = after.All.Nulls.GetValueOrDefault(kv.Key);
            var change = kv.Value == 0 ? "—" : Pct(100.0 * (now - kv.Value) / kv.Value).Replace("%", "%", StringComparison.Ordinal);
            return (IReadOnlyList<string>)[kv.Key, N(kv.Value), N(now), kv.Value == now ? "—" : change];
        }).ToList();
        rows.Add(["Total derived rows", N(before.All.DerivedRows), N(after.All.DerivedRows), before.All.DerivedRows == after.All.DerivedRows ? "—" : $"+{N(after.All.DerivedRows - before.All.DerivedRows)}"]);
        Table(sb, ["Column", "NULL before", "NULL after", "Change"], rows);
        var remaining = after.All.Nulls.Values.Sum();
        sb.AppendLine($"**NULL values remaining:** {N(remaining)}{(remaining > 0 ? " — run 'backfill validate' for the reason of each." : "")}").AppendLine();
    }
}
