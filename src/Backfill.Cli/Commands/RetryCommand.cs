using System.CommandLine;
using Backfill.Cli.Output;
using Backfill.Core.Pipelines;

namespace Backfill.Cli.Commands;

public static class RetryCommand
{
    private static readonly Argument<long> Run = new("run") { Description = "The partitioned run whose slots to run again (see 'backfill status')." };
    private static readonly Option<bool> Failed = new("--failed") { Description = "Run the failed slots again." };
    private static readonly Option<bool> Blocked = new("--blocked") { Description = "Also run the slots skipped because an upstream slot failed." };

    public static Command Create() => CommandFactory.Make("retry",
        "Run again only the failed slots of a partitioned run (and with --blocked the slots they blocked), with the run's original settings; "
        + "each slot replaces its partition, so the rest of the run is untouched.",
        async (ctx, ct) =>
        {
            var (failed, blocked) = (ctx.Parse.GetValue(Failed), ctx.Parse.GetValue(Blocked));
            if (!failed && !blocked) throw new ArgumentException("Say what to retry: --failed, --blocked, or both.");
            await using var store = await ctx.OpenStoreAsync(ct);
            var observer = ctx.Json ? null : new PipelineObserver(Console.Out);
            var summary = await new PipelineRunner(store, ctx.Pipelines(), ctx.Clock).RetryAsync(ctx.Parse.GetValue(Run), failed, blocked, observer, ct);
            return PipelinePrinter.Finish(summary, ctx.Json);
        }, Run, Failed, Blocked);
}
