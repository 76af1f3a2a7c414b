using System.CommandLine;
using Backfill.Cli.Demo;

namespace Backfill.Cli.Commands;

public static class DemoCommand
{
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the generated markets (same seed, same database).", DefaultValueFactory = _ => 42 };

    public static Command Create() => CommandFactory.Make("demo",
        "Build a demo database of ~40 football match-odds markets (~12,000 snapshots) with the seeds' damage, then perform the three order-book runbooks "
        + "end to end: audit, dry run, small batch, full run, validate, report. Running it again on the same database changes nothing.",
        async (ctx, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(ct, create: true);
            var passed = await new DemoRunbook(store, ctx.Catalog(), ctx.Clock, Console.Out).RunAsync(ctx.Parse.GetValue(Seed), ct);
            return passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }, Seed);
}
