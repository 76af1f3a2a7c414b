using System.Text;
using Backfill.Core.Runs;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Output;

public static class RunPrinter
{
    public static string Render(RunResult r)
    {
        var sb = new StringBuilder();
        var head = r.DryRun ? $"Dry run of job {r.Job}" : $"Run {r.Run?.RunId} of job {r.Job}{(r.Resumed ? " (resumed)" : "")}";
        sb.AppendLine($"{head}: {(r.DryRun ? "nothing was written" : r.Run?.State)}; {N(r.Processed)} rows in {Duration(r.Elapsed)} ({N(r.RowsPerSecond, 0)} rows/s), {N(r.Batches)} batches.").AppendLine();
        var verb = r.DryRun ? "would be " : "";
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { $"{verb}updated", N(r.Updated) },
            new[] { $"{verb}inserted (missing derived row)", N(r.Inserted) },
        };
        foreach (var (key, n) in r.Reasons.OrderBy(k => k.Key, StringComparer.Ordinal))
            rows.Add([key.Replace(":", ": ", StringComparison.Ordinal), N(n)]);
        rows.Add(["skipped (total)", N(r.Skipped)]);
        rows.Add(["errors (total)", N(r.Errors)]);
        Table(sb, ["Outcome", "Rows"], rows);

        if (r.NullsBefore is { } before)
        {
            var after = r.NullsAfter;
            Table(sb, ["Column", "NULL before", after is null ? (r.DryRun ? "NULL after (not measured in a dry run)" : "NULL after (not measured: the run stopped)") : "NULL after"],
                before.All.Nulls.Select(kv => (IReadOnlyList<string>)[kv.Key, N(kv.Value), after is null ? "—" : N(after.All.Nulls.GetValueOrDefault(kv.Key))]));
        }
        if (r.Throttling is { } t)
        {
            sb.AppendLine($"Batches: {t.Batching}{(t.LargestBatch > 0 ? $"; {N(t.SmallestBatch)}–{N(t.LargestBatch)} rows" : "")}.");
            if (t.Describe() is { } throttled) sb.AppendLine($"Throttling: {throttled}.");
            foreach (var f in t.FailedRanges)
                sb.AppendLine($"  failed range keys {f.FirstKey}..{f.LastKey}: {N(f.Rows)} rows, {N(f.TimedOutKeys)} not written ({f.Reason})");
            if (r.StoppedBy is { } stop) sb.AppendLine($"Stopped: {stop}; continue with --resume.");
            sb.AppendLine();
        }
        if (r.SampleErrors.Count > 0)
        {
            sb.AppendLine("Row errors (first ones):");
            foreach (var e in r.SampleErrors) sb.AppendLine($"  key {e.RowKey}: {e.Reason}: {e.Message}");
        }
        return sb.ToString();
    }
}
