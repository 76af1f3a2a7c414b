using System.Text;
using Backfill.Core.Pipelines;
using Backfill.Core.Runs;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Output;

/// <summary>A partitioned run's state: per processor counts and latest date, failures with an error preview, gate verdicts.</summary>
public static class PipelinePrinter
{
    public static string Render(PipelineRunSummary s)
    {
        var sb = new StringBuilder();
        var run = s.Run;
        sb.AppendLine($"Run {run.RunId} of {run.Job}: {run.State}, started {Time(run.StartedAt)} UTC, {Duration(run.Duration)}; "
            + $"{N(s.Count(SlotStatus.Success))} success, {N(s.Count(SlotStatus.Failed))} failed, {N(s.Count(SlotStatus.Skipped))} skipped, "
            + $"{N(s.Slots.Count(x => !SlotStatus.IsTerminal(x.Status)))} unfinished of {N(s.Slots.Count)} slots; {N(s.Slots.Sum(x => x.RowsWritten))} rows written");
        if (run.Message is { } m) sb.AppendLine(m);
        sb.AppendLine();
        Table(sb, ["Phase", "Processor", "Success", "Failed", "Skipped", "Unfinished", "Latest date", "Rows written"], s.Processors.Select(t => (IReadOnlyList<string>)
        [
            t.Phase.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Processor, N(t.Success), N(t.Failed), N(t.Skipped), N(t.Unfinished),
            t.LatestDate?.ToString("yyyy-MM-dd") ?? "—", N(t.RowsWritten),
        ]));
        var skips = s.Slots.Where(x => x.Status == SlotStatus.Skipped).GroupBy(x => (x.Processor, Why: x.Reason?.Split(':')[0] ?? "?")).ToList();
        if (skips.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Skipped slots by reason:");
            foreach (var g in skips) sb.AppendLine($"- {g.Key.Processor}: {N(g.Count())} {g.Key.Why} (e.g. {g.First().Date:yyyy-MM-dd}: {g.First().Reason})");
        }
        if (s.Failures.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Failures:");
            Table(sb, ["Date", "Processor", "Attempts", "Error preview"], s.Failures.Take(20).Select(f => (IReadOnlyList<string>)
                [f.Date.ToString("yyyy-MM-dd"), f.Processor, N(f.Attempts), Preview(f.Error)]));
            if (s.Failures.Count > 20) sb.AppendLine($"... and {s.Failures.Count - 20} more.");
            sb.AppendLine($"Rerun only these with 'backfill retry {run.RunId} --failed' (add --blocked for the slots they blocked).");
        }
        if (s.Gates.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Gates:");
            Table(sb, ["Gate", "Scope", "Range", "Verdict", "Detail"], s.Gates.Select(g => (IReadOnlyList<string>)
                [g.Gate, g.Scope, $"{g.From:yyyy-MM-dd}..{g.To:yyyy-MM-dd}{(g.Sample ? " (sample)" : "")}", g.Verdict.ToString().ToUpperInvariant(), g.Detail]));
        }
        if (run.IsUnfinished) sb.AppendLine($"\nUnfinished: continue with 'backfill run {run.Job} --resume'.");
        return sb.ToString();
    }

    private static string Preview(string? error) => error is null ? "—" : error.Length <= 100 ? error : error[..100] + "…";

    /// <summary>Prints the outcome and maps it to the exit code: 0 completed, 4 failed slots (retry them), else 1 for a gate STOP.</summary>
    public static int Finish(PipelineRunSummary summary, bool json)
    {
        if (json) JsonOut.Write(summary);
        else Console.Write(Render(summary));
        if (summary.Failures.Count > 0) return ExitCodes.RunFailed;
        return summary.Run.State switch
        {
            RunStates.Completed => ExitCodes.Ok,
            RunStates.Stopped => ExitCodes.CheckFailed,
            _ => ExitCodes.RunFailed,
        };
    }
}
