using System.CommandLine;
using System.Globalization;
using Backfill.Cli.Output;
using Backfill.Core.Reports;
using Backfill.OrderBook.Reports;

namespace Backfill.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run") { Description = "Run id, or 'latest'." };
        var runReport = CommandFactory.Make("run", "Markdown execution summary of a run: pre-checks, execution steps, before/after NULLs, row errors.",
            async (ctx, ct) =>
            {
                await using var store = await ctx.OpenStoreAsync(ct);
                var arg = ctx.Parse.GetValue(runId)!;
                var run = arg == "latest"
                    ? (await store.ListRunsAsync(null, 1, ct)).FirstOrDefault() ?? throw new ArgumentException("No runs recorded yet.")
                    : long.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                        ? await store.GetRunAsync(id, ct) ?? throw new ArgumentException($"No run {id}; see 'backfill history'.")
                        : throw new ArgumentException($"'{arg}' is not a run id or 'latest'.");
                var markdown = run.IsPartitioned
                    ? $"# Partitioned run {run.RunId}\n\n" + PipelinePrinter.Render(await Backfill.Core.Pipelines.PipelineRunSummary.LoadAsync(store, run.RunId, ct))
                    : await new RunReportWriter(store).WriteAsync(run, ct);
                if (ctx.Json) JsonOut.Write(new { run, markdown });
                else Console.Write(markdown);
                return ExitCodes.Ok;
            }, runId);

        var marketId = new Argument<string>("market") { Description = "Betfair market id, e.g. 1.253489253." };
        var metric = new Option<string>("--metric") { Description = "Per-role metric to show.", DefaultValueFactory = _ => "book_risk_l3" };
        var marketReport = CommandFactory.Make("market", "A metric for home, away and draw at T-6h, T-1h, kickoff, kickoff+45m and the last snapshot.",
            async (ctx, ct) =>
            {
                await using var store = await ctx.OpenStoreAsync(ct);
                var result = await new MarketReport(store).BuildAsync(ctx.Parse.GetValue(marketId)!, ctx.Parse.GetValue(metric)!, ct);
                if (ctx.Json) JsonOut.Write(result);
                else Console.Write(MarketReport.Render(result));
                return ExitCodes.Ok;
            }, marketId, metric);

        var report = new Command("report", "Reports: 'report run <id|latest>' and 'report market MARKET_ID'.");
        report.Subcommands.Add(runReport);
        report.Subcommands.Add(marketReport);
        return report;
    }
}
