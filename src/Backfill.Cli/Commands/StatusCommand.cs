using System.CommandLine;
using System.Text;
using Backfill.Cli.Output;
using Backfill.Core.Pipelines;
using Backfill.Core.Runs;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Commands;

public static class StatusCommand
{
    public static Command Create(string name, string description)
    {
        var job = new Option<string?>("--job") { Description = "Only runs of this job." };
        var last = new Option<int>("--last") { Description = "How many runs to show.", DefaultValueFactory = _ => name == "status" ? 10 : 100 };
        var run = new Argument<long?>("run") { Description = "One run in detail: per processor success/failed/skipped, latest date, failures, gates.", Arity = ArgumentArity.ZeroOrOne };
        Symbol[] symbols = name == "status" ? [run, job, last] : [job, last];
        return CommandFactory.Make(name, description, async (ctx, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(ct);
            if (name == "status" && ctx.Parse.GetValue(run) is { } id)
            {
                var record = await store.GetRunAsync(id, ct) ?? throw new ArgumentException($"There is no run {id} (see 'backfill history').");
                if (!record.IsPartitioned)
                {
                    if (ctx.Json) JsonOut.Write(record);
                    else Console.Write(Render([record], status: false));
                    return ExitCodes.Ok;
                }
                var summary = await PipelineRunSummary.LoadAsync(store, id, ct);
                if (ctx.Json) JsonOut.Write(summary);
                else Console.Write(PipelinePrinter.Render(summary));
                return ExitCodes.Ok;
            }
            var runs = await store.ListRunsAsync(ctx.Parse.GetValue(job), ctx.Parse.GetValue(last), ct);
            if (ctx.Json) JsonOut.Write(runs);
            else Console.Write(Render(runs, name == "status"));
            return ExitCodes.Ok;
        }, symbols);
    }

    private static string Render(IReadOnlyList<RunRecord> runs, bool status)
    {
        var sb = new StringBuilder();
        if (runs.Count == 0) return "No runs recorded yet.\n";
        if (status)
        {
            var unfinished = runs.Where(r => r.IsUnfinished).ToList();
            sb.AppendLine(unfinished.Count == 0 ? "No unfinished runs." :
                string.Join("\n", unfinished.Select(r => r.IsPartitioned
                    ? $"Unfinished: run {r.RunId} of {r.Job} ({N(r.Processed)} slots finished); details with 'backfill status {r.RunId}', continue with 'backfill run {r.Job} --resume'."
                    : $"Unfinished: run {r.RunId} of {r.Job} at key {r.CheckpointKey} ({N(r.Processed)}/{(r.CandidatesAtStart is { } total ? N(total) : "(not counted)")} rows); continue with 'backfill run {r.Job} --resume'.")));
            sb.AppendLine();
        }
        Table(sb, ["Run", "Job", "State", "Started (UTC)", "Duration", "Rows", "Updated", "Inserted", "Skipped", "Errors", "Settings"], runs.Select(r => (IReadOnlyList<string>)
        [
            r.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Job, r.State, Time(r.StartedAt), Duration(r.Duration),
            N(r.Processed), N(r.Updated), N(r.Inserted), N(r.Skipped), N(r.Errors),
            r.IsPartitioned ? PipelineSettings(r) : $"{(r.Settings.Limit is { } l ? $"limit {N(l)}, " : "")}{r.Settings.DescribeBatching()}{(r.Settings.Overwrite ? ", overwrite" : "")}",
        ]));
        return sb.ToString();
    }

    private static string PipelineSettings(RunRecord r)
    {
        var q = PipelineRequest.FromRun(r)!;
        var range = q.Dates is { Count: > 0 } d ? $"{d.Count} dates" : $"{q.StartDate:yyyy-MM-dd}..{q.EndDate:yyyy-MM-dd}";
        return $"{range}, parallel {q.Parallel}{(q.HasSample ? $", sample {q.SampleStart:yyyy-MM-dd}..{q.SampleEnd:yyyy-MM-dd}" : "")} (slots, rows written)";
    }
}
