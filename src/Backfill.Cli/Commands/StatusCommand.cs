using System.CommandLine;
using System.Text;
using Backfill.Cli.Output;
using Backfill.Core.Runs;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Commands;

public static class StatusCommand
{
    public static Command Create(string name, string description)
    {
        var job = new Option<string?>("--job") { Description = "Only runs of this job." };
        var last = new Option<int>("--last") { Description = "How many runs to show.", DefaultValueFactory = _ => name == "status" ? 10 : 100 };
        return CommandFactory.Make(name, description, async (ctx, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(ct);
            var runs = await store.ListRunsAsync(ctx.Parse.GetValue(job), ctx.Parse.GetValue(last), ct);
            if (ctx.Json) JsonOut.Write(runs);
            else Console.Write(Render(runs, name == "status"));
            return ExitCodes.Ok;
        }, job, last);
    }

    private static string Render(IReadOnlyList<RunRecord> runs, bool status)
    {
        var sb = new StringBuilder();
        if (runs.Count == 0) return "No runs recorded yet.\n";
        if (status)
        {
            var unfinished = runs.Where(r => r.IsUnfinished).ToList();
            sb.AppendLine(unfinished.Count == 0 ? "No unfinished runs." :
                string.Join("\n", unfinished.Select(r => $"Unfinished: run {r.RunId} of {r.Job} at key {r.CheckpointKey} ({N(r.Processed)}/{N(r.CandidatesAtStart ?? 0)} rows); continue with 'backfill run {r.Job} --resume'.")));
            sb.AppendLine();
        }
        Table(sb, ["Run", "Job", "State", "Started (UTC)", "Duration", "Rows", "Updated", "Inserted", "Skipped", "Errors", "Settings"], runs.Select(r => (IReadOnlyList<string>)
        [
            r.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Job, r.State, Time(r.StartedAt), Duration(r.Duration),
            N(r.Processed), N(r.Updated), N(r.Inserted), N(r.Skipped), N(r.Errors),
            $"{(r.Settings.Limit is { } l ? $"limit {N(l)}, " : "")}batch {N(r.Settings.BatchSize)}{(r.Settings.Overwrite ? ", overwrite" : "")}",
        ]));
        return sb.ToString();
    }
}
