using System.CommandLine;
using Backfill.Cli.Demo;

namespace Backfill.Cli.Commands;

public static class DemoCommand
{
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the generated markets (same seed, same database).", DefaultValueFactory = _ => 42 };

    public static Command Create()
    {
        var demo = Orderbook();
        demo.Subcommands.Add(Nba());
        return demo;
    }

    private static Command Nba()
    {
        var data = new Option<string?>("--data") { Description = "The nba data folder (default: $BACKFILL_NBA_DATA, else ../shared/data/nba beside the current folder or the repository)." };
        return CommandFactory.Make("nba",
            "Import four real NBA seasons and perform both NBA runbooks end to end: seed 004 (minutes_played NULL on ~99.5% of history: pre-flight, "
            + "plan, one-week sample with gates, full run, validation) and seed 003 (the whole pipeline season by season, phase 3 in parallel, phase 4 in "
            + "order, gates between phases, an injected fault, failure summary, retry, expected outcomes checked). Exits 1 if a check fails.",
            async (ctx, ct) =>
            {
                var folder = NbaData.Locate(ctx.Parse.GetValue(data));
                await using var store = await ctx.OpenStoreAsync(ct, create: true);
                var passed = await new NbaDemoRunbook(store, ctx.Pipelines(), ctx.Clock, Console.Out).RunAsync(folder, ct);
                return passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }, data);
    }

    private static Command Orderbook() => CommandFactory.Make("demo",
        "Build a demo database of ~40 football match-odds markets (~12,000 snapshots) with the seeds' damage, then perform the three order-book runbooks "
        + "end to end: audit, dry run, small batch, full run, validate, report. Running it again on the same database changes nothing.",
        async (ctx, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(ct, create: true);
            var passed = await new DemoRunbook(store, ctx.Catalog(), ctx.Clock, Console.Out).RunAsync(ctx.Parse.GetValue(Seed), ct);
            return passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }, Seed);
}
