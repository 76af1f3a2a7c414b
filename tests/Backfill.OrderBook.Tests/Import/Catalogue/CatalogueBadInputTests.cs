using System.Text;
using Backfill.OrderBook.Import.Catalogue;
using Backfill.OrderBook.Import.Rest;

namespace Backfill.OrderBook.Tests.Import.Catalogue;

/// <summary>A bad catalogue market is an issue with its line; the other markets are still read.</summary>
public sealed class CatalogueBadInputTests
{
    private static string Market(string id, string runners = """[{"selectionId":1,"runnerName":"A","sortPriority":1},{"selectionId":2,"runnerName":"B","sortPriority":2},{"selectionId":58805,"runnerName":"The Draw","sortPriority":3}]""") =>
        $$"""{"marketId":"{{id}}","marketName":"Match Odds","marketStartTime":"2025-03-01T20:00:00.000Z","description":{"marketType":"MATCH_ODDS"},"event":{"name":"A v B"},"competition":{"name":"Cup"},"runners":{{runners}}}""";

    private static (List<CatalogueMarket> Markets, List<ImportIssue> Issues) Read(string text)
    {
        var issues = new List<ImportIssue>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return (MarketCatalogueReader.Read(stream, "catalogue.json", issues.Add).ToList(), issues);
    }

    [Fact]
    public void Bare_array_reads_all_fields()
    {
        var (markets, issues) = Read($"[{Market("1.1")}]");

        Assert.Empty(issues);
        var market = Assert.Single(markets);
        Assert.Equal(("1.1", "Match Odds", "MATCH_ODDS", "A v B", "Cup", new DateTime(2025, 3, 1, 20, 0, 0, DateTimeKind.Utc)),
            (market.MarketId, market.MarketName, market.MarketType, market.EventName, market.CompetitionName, market.MarketStartTimeUtc!.Value));
        Assert.Equal([new CatalogueRunner(1, "A", 1), new CatalogueRunner(2, "B", 2), new CatalogueRunner(58805, "The Draw", 3)], market.Runners);
    }

    [Theory]
    [InlineData("""[{"runnerName":"A"}]""", "market 1.2: runners[0] has no integer selectionId; skipped")]
    [InlineData("""{"selectionId":1}""", "market 1.2: runners is an object, not an array; skipped")]
    [InlineData("""[{"selectionId":1,"sortPriority":"1"}]""", "market 1.2: runners[0].sortPriority is not an integer; skipped")]
    [InlineData("""[{"selectionId":1,"runnerName":7}]""", "market 1.2: runners[0].runnerName is a number, not a string; skipped")]
    public void Bad_runners_reject_only_their_market(string runners, string message)
    {
        var pretty = "{\n\"jsonrpc\": \"2.0\",\n\"result\": [\n  " + Market("1.1") + ",\n  " + Market("1.2", runners) + ",\n  " + Market("1.3") + "\n]\n}\n";

        var (markets, issues) = Read(pretty);

        Assert.Equal(["1.1", "1.3"], markets.Select(m => m.MarketId));
        Assert.Equal([(5L, ImportIssueKinds.InvalidCatalogueMarket, message)], issues.Select(i => (i.Line, i.Kind, i.Message)));
    }

    [Fact]
    public void Market_without_id_and_bad_start_time_are_issues()
    {
        var noId = Market("1.2").Replace("\"marketId\":\"1.2\",", "", StringComparison.Ordinal);
        var badTime = Market("1.3").Replace("2025-03-01T20:00:00.000Z", "soon", StringComparison.Ordinal);
        var text = string.Join("\n", $"[{Market("1.1")}]", $"[{noId}]", $"[{badTime}]", "{\"jsonrpc\":\"2.0\",\"result\":\"none\"}", $"[{Market("1.5")}]");

        var (markets, issues) = Read(text);

        Assert.Equal(["1.1", "1.5"], markets.Select(m => m.MarketId));
        Assert.Equal(
        [
            (2L, ImportIssueKinds.MissingMarketId),
            (3L, ImportIssueKinds.InvalidCatalogueMarket),
            (4L, ImportIssueKinds.WrongType),
        ], issues.Select(i => (i.Line, i.Kind)));
        Assert.Equal("market 1.3: marketStartTime \"soon\" is not a date and time; skipped", issues[1].Message);
    }

    [Fact]
    public void Catalogue_without_projections_reads_ids_only()
    {
        var (markets, issues) = Read("""[{"marketId":"1.9","runners":[{"selectionId":5}]}]""");

        Assert.Empty(issues);
        var market = Assert.Single(markets);
        Assert.Equal(new CatalogueRunner(5, null, null), Assert.Single(market.Runners));
        Assert.Null(market.MarketType);
        Assert.Null(MatchOddsRoles.Assign(market, out var warning).HomeSelectionId);
        Assert.Null(warning);
    }
}
