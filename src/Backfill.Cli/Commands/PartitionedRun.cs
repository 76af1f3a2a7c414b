using Backfill.Cli.Output;
using Backfill.Core.Pipelines;
using Backfill.Core.Runs;

namespace Backfill.Cli.Commands;

/// <summary>'backfill run PIPELINE|PROCESSOR...': a new partitioned run, or the resumption of an unfinished one.</summary>
internal static class PartitionedRun
{
    public static async Task<int> RunAsync(CliContext ctx, PipelineCatalog pipelines, IReadOnlyList<string> targets, bool resume, CancellationToken ct)
    {
        await using var store = await ctx.OpenStoreAsync(ct);
        var runner = new PipelineRunner(store, pipelines, ctx.Clock);
        var observer = ctx.Json ? null : new PipelineObserver(Console.Out);
        var jobName = pipelines.Resolve(targets) is var (pipeline, processors) && processors.Count > 0 ? string.Join('+', processors) : pipeline.Name;
        var unfinished = await store.FindUnfinishedRunAsync(jobName, ct);
        if (resume)
        {
            if (unfinished is null) throw new ArgumentException($"'{jobName}' has no unfinished run to resume (see 'backfill status').");
            if (PipelineOptions.AnyGiven(ctx.Parse))
                await Console.Error.WriteLineAsync($"note: resuming run {unfinished.RunId} with its original settings; the range options given now are ignored.");
            return PipelinePrinter.Finish(await runner.ResumeAsync(unfinished.RunId, observer, ct), ctx.Json);
        }
        var request = PipelineOptions.Request(ctx.Parse, pipelines, targets);
        if (unfinished is not null)
        {
            await Console.Error.WriteLineAsync($"note: run {unfinished.RunId} of {jobName} did not finish ({unfinished.State}); pass --resume to continue it. "
                + "Starting a new run (each slot replaces its partition, so the result is the same).");
            await store.FinishRunAsync(unfinished.RunId, RunStates.Abandoned, null, "superseded by a new run", ct);
        }
        try
        {
            return PipelinePrinter.Finish(await runner.RunAsync(request, observer, ct), ctx.Json);
        }
        catch (PlanInfeasibleException e)
        {
            if (ctx.Json) JsonOut.Write(PlanPrinter.ToJson(e.Plan));
            else Console.Write(PlanPrinter.Render(e.Plan));
            await Console.Error.WriteLineAsync("error: the plan cannot succeed, so nothing was run (see above; 'backfill plan' shows the same).");
            return ExitCodes.CheckFailed;
        }
    }
}
