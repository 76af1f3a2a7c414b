using System.Text;
using Backfill.Core.Pipelines;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Output;

public static class PlanPrinter
{
    public static string Render(Plan plan)
    {
        var sb = new StringBuilder();
        var r = plan.Request;
        var range = r.Dates is { Count: > 0 } ? $"{r.Dates.Count} given dates" : $"{r.From:yyyy-MM-dd}..{r.To:yyyy-MM-dd}";
        sb.AppendLine($"Plan: {r.JobName} ({plan.Pipeline.Name}), {range}: {N(plan.Dates.Count)} scheduled dates in {plan.SeasonsInPlan.Count()} season(s), parallel {r.Parallel}"
            + (r.HasSample ? $", sample {r.SampleStart:yyyy-MM-dd}..{r.SampleEnd:yyyy-MM-dd} first" : ""));
        foreach (var phase in plan.PhasesInPlan)
        {
            sb.AppendLine();
            sb.AppendLine($"Phase {phase.Number} — {phase.Name} ({(phase.Ordered ? "in order, each processor after the one above it" : "independent processors in parallel")})");
            Table(sb, ["Processor", "Slots", "To run", "Skip: bootstrap", "Would fail", "Depends on"], plan.Processors.Where(p => p.Spec.Phase == phase.Number).Select(p =>
            {
                var slots = plan.Slots.Values.Where(s => s.Key.Processor == p.Spec.Name).ToList();
                return (IReadOnlyList<string>)
                [
                    p.Spec.Name, N(slots.Count), N(slots.Count(s => s.WillRun)), N(slots.Count(s => !s.WillRun)), N(slots.Count(s => s.PredictedToFail)),
                    string.Join(", ", p.Spec.DependsOn.Select(d => d.LookbackDays > 0 ? $"{d.Name} (last {d.LookbackDays} days)" : d.Name)),
                ];
            }));
        }
        if (plan.LeftOut.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Left out of this plan:");
            foreach (var l in plan.LeftOut) sb.AppendLine($"- {l.Processor}: {l.Reason}");
        }
        sb.AppendLine();
        sb.AppendLine($"Raw-data coverage against the schedule ({plan.Pipeline.Calendar.Table}):");
        Table(sb, ["Table", "Scheduled dates", "Dates with rows", "Coverage", "Missing dates"], plan.Coverage.Select(c => (IReadOnlyList<string>)
        [
            c.Table, N(c.Expected), N(c.Covered), Pct(c.Pct),
            c.Missing.Count == 0 ? "—" : string.Join(", ", c.Missing.Take(5).Select(d => d.ToString("yyyy-MM-dd"))) + (c.Missing.Count > 5 ? $" (+{c.Missing.Count - 5})" : ""),
        ]));
        var gates = plan.Pipeline.Gates.Where(g => plan.Processors.Any(p => p.Spec.Name == g.Scope)).ToList();
        if (gates.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine($"Gates after each phase{(r.HasSample ? " (on the sample first)" : "")}: {string.Join(", ", gates.Select(g => g.Name))}");
        }
        var (estimate, without) = plan.Estimate();
        sb.AppendLine();
        sb.AppendLine($"Estimated duration: {(estimate is { } e ? $"~{Duration(e)} from recorded slot throughput" : "unknown (no recorded slots yet)")}"
            + (without.Count > 0 && estimate is not null ? $"; no history for {string.Join(", ", without)}" : ""));
        sb.AppendLine();
        if (plan.Feasible) sb.AppendLine("OK: the plan can run.");
        else
        {
            sb.AppendLine("CANNOT SUCCEED:");
            foreach (var p in plan.Problems) sb.AppendLine($"- {p}");
        }
        return sb.ToString();
    }

    public static object ToJson(Plan plan) => new
    {
        pipeline = plan.Pipeline.Name,
        request = plan.Request,
        feasible = plan.Feasible,
        problems = plan.Problems,
        dates = plan.Dates.Count,
        processors = plan.Processors.Select(p => new
        {
            name = p.Spec.Name,
            phase = p.Spec.Phase,
            slots = plan.Slots.Values.Count(s => s.Key.Processor == p.Spec.Name),
            toRun = plan.Slots.Values.Count(s => s.Key.Processor == p.Spec.Name && s.WillRun),
            bootstrap = plan.Slots.Values.Count(s => s.Key.Processor == p.Spec.Name && !s.WillRun),
            wouldFail = plan.Slots.Values.Count(s => s.Key.Processor == p.Spec.Name && s.PredictedToFail),
        }),
        leftOut = plan.LeftOut,
        coverage = plan.Coverage,
        estimatedSeconds = plan.Estimate().Estimate?.TotalSeconds,
    };
}
