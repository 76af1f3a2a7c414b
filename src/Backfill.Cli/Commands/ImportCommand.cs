using System.CommandLine;
using Backfill.Cli.Output;
using Backfill.Core.Sql;
using Backfill.OrderBook.Import;
using Backfill.OrderBook.Import.Catalogue;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Rest;
using Backfill.OrderBook.Schema;

namespace Backfill.Cli.Commands;

/// <summary>'backfill import ...': real Betfair files into the order-book tables, idempotently.</summary>
public static partial class ImportCommand
{
    private static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Files or folders (read recursively); plain, .bz2 and .gz files are read as streams.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var import = new Command("import", "Load real raw data: Betfair listMarketBook responses, listMarketCatalogue responses, Exchange Stream recordings; NBA box scores. Re-importing a file adds nothing.");
        import.Subcommands.Add(MarketBooks());
        import.Subcommands.Add(Catalogue());
        import.Subcommands.Add(Stream());
        import.Subcommands.Add(Nba());
        return import;
    }

    private static Command MarketBooks()
    {
        var at = new Option<string?>("--at") { Description = "Snapshot time (UTC) for MarketBooks whose file carries no poll time ('pt'); default: the file's modification time." };
        return CommandFactory.Make("market-books",
            "listMarketBook responses ({\"jsonrpc\":\"2.0\",\"result\":[...]}, a bare array, one MarketBook, or one response per line): one snapshot per MarketBook, raw_payload exactly as received, source 'rest'.",
            async (ctx, ct) =>
            {
                var fallback = RunCommand.ParseTime(ctx.Parse.GetValue(at), "--at");
                var files = RecordingFiles.Expand(ctx.Parse.GetValue(Paths)!);
                await using var store = await OpenMigratedAsync(ctx, ct);
                var writer = new SnapshotWriter(store);
                var reports = new List<ImportFileReport>();
                foreach (var file in files)
                {
                    var read = MarketBookResponseReader.ReadFile(file);
                    var time = fallback ?? File.GetLastWriteTimeUtc(file);
                    var counts = await writer.WriteSnapshotsAsync(read.Books.Select(b => b.ToSnapshotRow(time, "rest")), ct);
                    reports.Add(new ImportFileReport(file, read.Books.Count, counts.Added, counts.AlreadyPresent,
                        read.Issues.Select(Describe).ToList(), []));
                }
                return Print(ctx, "listMarketBook responses", reports);
            }, Paths, at);
    }

    private static Command Catalogue() => CommandFactory.Make("catalogue",
        "listMarketCatalogue responses: market metadata (event, competition, start time, runner names). MATCH_ODDS with three runners: "
        + "draw = The Draw (58805), home = sortPriority 1, away = sortPriority 2; markets whose 'Home v Away' event name disagrees are reported.",
        async (ctx, ct) =>
        {
            var files = RecordingFiles.Expand(ctx.Parse.GetValue(Paths)!);
            await using var store = await OpenMigratedAsync(ctx, ct);
            var writer = new SnapshotWriter(store);
            var reports = new List<ImportFileReport>();
            foreach (var file in files)
            {
                var read = MarketCatalogueReader.ReadFile(file);
                var counts = await writer.WriteMetadataAsync(read.Metadata.Select(m => m.ToMetadataRow()), ct);
                reports.Add(new ImportFileReport(file, read.Markets.Count, counts.Added, counts.AlreadyPresent,
                    read.Issues.Select(Describe).ToList(), read.Warnings.Select(w => $"market {w.MarketId}: {w.Message}").ToList()));
            }
            return Print(ctx, "listMarketCatalogue responses", reports);
        }, Paths);

    internal static async Task<SqlStore> OpenMigratedAsync(CliContext ctx, CancellationToken ct)
    {
        var store = await ctx.OpenStoreAsync(ct);
        if (!await store.Dialect.TableExistsAsync(store.Connection, OrderBookMigrations.Snapshots, ct))
        {
            await store.DisposeAsync();
            throw new SchemaException($"Table '{OrderBookMigrations.Snapshots}' does not exist in {store.Describe()}. Run 'backfill migrate' first.");
        }
        return store;
    }

    internal static string Describe(ImportIssue i) => $"line {i.Line}: {i.Kind}: {i.Message}";

    internal static int Print(CliContext ctx, string what, IReadOnlyList<ImportFileReport> reports)
    {
        if (ctx.Json) JsonOut.Write(reports);
        else Console.Write(ImportPrinter.Render(what, reports));
        return ExitCodes.Ok;
    }
}
