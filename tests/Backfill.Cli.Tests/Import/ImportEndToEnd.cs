using System.Text.Json;
using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests.Import;

/// <summary>
/// Real Betfair files end to end through the CLI: import, re-import (adds nothing), run the seeds'
/// jobs, audit (every football MATCH_ODDS snapshot is tier A), report a real market.
/// </summary>
public abstract class ImportEndToEnd
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Football_stream_and_catalogue_import_idempotently_and_every_match_odds_snapshot_is_tier_a()
    {
        var db = await NewDatabaseAsync();
        (await BackfillCli.RunAsync("migrate", "--db", db)).ShouldExitWith(0);

        var football = SharedData.Betfair("stream/football-match-odds-1.242971311.bz2");
        var first = (await BackfillCli.RunAsync("import", "stream", football, "--market-type", "MATCH_ODDS", "--db", db)).ShouldExitWith(0);
        Assert.Contains("| football-match-odds-1.242971311.bz2 | 844 | 844 | 0 |", first.Stdout, StringComparison.Ordinal);
        var again = (await BackfillCli.RunAsync("import", "stream", football, "--market-type", "MATCH_ODDS", "--db", db)).ShouldExitWith(0);
        Assert.Contains("| football-match-odds-1.242971311.bz2 | 844 | 0 | 844 |", again.Stdout, StringComparison.Ordinal);

        var image = SharedData.Betfair("stream_messages/football-match-odds-105-markets-best-offers-image.json");
        var catalogue = SharedData.Betfair("catalogue");
        (await BackfillCli.RunAsync("import", "stream", image, "--db", db)).ShouldExitWith(0);
        var names = (await BackfillCli.RunAsync("import", "catalogue", catalogue, "--db", db)).ShouldExitWith(0);
        Assert.Contains("| football-match-odds-10-markets-catalogue.json | 10 | 0 | 10 |", names.Stdout, StringComparison.Ordinal); // markets known from the image: names filled in
        var reimport = (await BackfillCli.RunAsync("import", "stream", image, "--db", db)).ShouldExitWith(0);
        Assert.Contains("| 105 | 0 | 105 |", reimport.Stdout, StringComparison.Ordinal);

        Assert.Equal(844 + 105, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_book_snapshots"));
        Assert.Equal(140 + 105, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_event_metadata WHERE home_selection_id IS NOT NULL AND away_selection_id IS NOT NULL AND draw_selection_id = 58805"));
        Assert.Equal("Kilmarnock", await TestDatabase.ScalarAsync(db, "SELECT home_runner_name FROM market_event_metadata WHERE market_id = '1.252597432'"));
        Assert.Equal(105, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_book_snapshots WHERE source = 'stream:best-offers'"));

        (await BackfillCli.RunAsync("run", "tier-a", "--db", db)).ShouldExitWith(0);
        (await BackfillCli.RunAsync("run", "book-risk-l3", "--db", db)).ShouldExitWith(0);
        (await BackfillCli.RunAsync("validate", "tier-a", "--db", db)).ShouldExitWith(0);

        var audit = (await BackfillCli.RunAsync("audit", "tier-a", "--json", "--db", db)).ShouldExitWith(0);
        var tiers = JsonDocument.Parse(audit.Stdout).RootElement.GetProperty("tiers");
        Assert.Equal((844 + 105, 0, 0), (tiers.GetProperty("a").GetInt64(), tiers.GetProperty("b").GetInt64(), tiers.GetProperty("c").GetInt64()));
        Assert.Equal(0, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_derived_metrics WHERE home_book_risk_l3 IS NULL"));

        var report = (await BackfillCli.RunAsync("report", "market", "1.252597432", "--db", db)).ShouldExitWith(0);
        Assert.Contains("Kilmarnock v Aberdeen (market 1.252597432) — book_risk_l3", report.Stdout, StringComparison.Ordinal);
        Assert.Contains("| Last open snapshot | 2026-01-28", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_market_books_import_with_their_runner_counts_and_reimport_adds_nothing()
    {
        var db = await NewDatabaseAsync();
        (await BackfillCli.RunAsync("migrate", "--db", db)).ShouldExitWith(0);
        var folder = SharedData.Betfair("list_market_book");
        var first = (await BackfillCli.RunAsync("import", "market-books", folder, "--at", "2026-02-14T17:00:00Z", "--db", db)).ShouldExitWith(0);
        Assert.Contains("| betfair_parser-list_market_book.json | 5 | 5 | 0 |", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("| betfairlightweight-list_market_book.json | 1 | 1 | 0 |", first.Stdout, StringComparison.Ordinal);
        var again = (await BackfillCli.RunAsync("import", "market-books", folder, "--at", "2026-02-14T17:00:00Z", "--db", db)).ShouldExitWith(0);
        Assert.Contains("| betfair_parser-list_market_book.json | 5 | 0 | 5 |", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(8, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_book_snapshots WHERE source = 'rest'"));
        // The payload is stored exactly as received: the 6 runners of the betfairlightweight book are all there.
        var payload = (string)(await TestDatabase.ScalarAsync(db, "SELECT raw_payload FROM market_book_snapshots WHERE market_id = '1.125875153'"))!;
        Assert.Equal(6, JsonDocument.Parse(payload).RootElement.GetProperty("runners").GetArrayLength());
    }

    [Fact]
    public async Task A_corrupt_stream_line_is_reported_with_its_line_and_nothing_valid_around_it_is_lost()
    {
        var db = await NewDatabaseAsync();
        (await BackfillCli.RunAsync("migrate", "--db", db)).ShouldExitWith(0);
        using var folder = new TempFolder();
        var file = folder.File("broken.jsonl");
        const string Image = """{"op":"mcm","pt":1650392673420,"mc":[{"id":"1.1","img":true,"marketDefinition":{"status":"OPEN","inPlay":false,"marketType":"WIN","runners":[{"id":11,"sortPriority":1,"status":"ACTIVE"}]},"rc":[{"id":11,"atb":[[2.0,10]],"atl":[[2.02,5]]}]}]}""";
        const string Delta = """{"op":"mcm","pt":1650392675420,"mc":[{"id":"1.1","rc":[{"id":11,"atb":[[2.0,0],[1.99,7]]}]}]}""";
        await File.WriteAllLinesAsync(file, [Image, """{"op":"mcm","pt":16503926744""", """{"op":"mystery"}""", Delta]);

        var result = (await BackfillCli.RunAsync("import", "stream", file, "--db", db)).ShouldExitWith(0);
        Assert.Contains("line 2: invalid-json", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 3: unknown-op", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, await TestDatabase.CountAsync(db, "SELECT count(*) FROM market_book_snapshots WHERE market_id = '1.1'"));
        var last = (string)(await TestDatabase.ScalarAsync(db, "SELECT raw_payload FROM market_book_snapshots WHERE market_id = '1.1' ORDER BY snapshot_at DESC LIMIT 1"))!;
        // The delta after the bad lines was applied: 2.0 removed, 1.99 added (parsed: jsonb reformats the text).
        var back = JsonDocument.Parse(last).RootElement.GetProperty("runners")[0].GetProperty("ex").GetProperty("availableToBack");
        Assert.Equal([1.99], back.EnumerateArray().Select(l => l.GetProperty("price").GetDouble()));
    }
}

public sealed class SqliteImportEndToEnd : ImportEndToEnd, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<string> NewDatabaseAsync() => Task.FromResult(_folder.File($"import-{Guid.NewGuid():N}.db"));

    public void Dispose() => _folder.Dispose();
}

[Collection(Backfill.Testing.Postgres.PostgresCollection.Name)]
public sealed class PostgresImportEndToEnd(Backfill.Testing.Postgres.PostgresServer server) : ImportEndToEnd
{
    protected override Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync("import");
}
