using System.CommandLine;
using Backfill.Cli.Output;
using Backfill.Core.Pipelines;

namespace Backfill.Cli.Commands;

public static class PlanCommand
{
    private static readonly Argument<string[]> Targets = new("targets") { Description = "A pipeline (e.g. nba) or some of its processors.", Arity = ArgumentArity.OneOrMore };

    public static Command Create() => CommandFactory.Make("plan",
        "Pre-flight for a partitioned run, in seconds: phases and slots per processor, expected skips (bootstrap, not historical), "
        + "raw-data coverage against the schedule, slots that would fail and why, and an estimated duration from recorded throughput. "
        + "Exits 1 when the plan cannot succeed.",
        async (ctx, ct) =>
        {
            var catalog = ctx.Pipelines();
            var request = PipelineOptions.Request(ctx.Parse, catalog, ctx.Parse.GetValue(Targets)!);
            await using var store = await ctx.OpenStoreAsync(ct);
            var plan = await new PipelineRunner(store, catalog, ctx.Clock).PlanAsync(request, ct);
            if (ctx.Json) JsonOut.Write(PlanPrinter.ToJson(plan));
            else Console.Write(PlanPrinter.Render(plan));
            return plan.Feasible ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }, [Targets, .. PipelineOptions.All]);
}
