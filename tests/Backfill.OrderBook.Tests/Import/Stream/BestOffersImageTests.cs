using System.Text.Json;
using Backfill.OrderBook.Import.Stream;
using Backfill.OrderBook.Tests.Import.Files;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>
/// stream_messages/football-match-odds-105-markets-best-offers-image.json: one image of 105 MATCH_ODDS
/// markets at pt 1769604819021 with level-keyed <c>batb</c>/<c>batl</c> ladders only and no names.
/// </summary>
public sealed class BestOffersImageTests
{
    private const string File = "stream_messages/football-match-odds-105-markets-best-offers-image.json";

    [Fact]
    public void All_105_markets_come_out_marked_best_offers()
    {
        var replay = Replay.OfFile(File, new StreamReplayOptions { MarketTypes = ["MATCH_ODDS"] });
        Assert.Equal(105, replay.Summary.Markets);
        Assert.Equal(105, replay.Snapshots.Count);
        Assert.Empty(replay.Summary.IssuesByKind);
        Assert.All(replay.Snapshots, snapshot => Assert.Equal(StreamSources.BestOffers, snapshot.Source));
        Assert.All(replay.Infos, info => Assert.True(RoleAssignment.TryAssign(info, out _, out var reason), reason));
    }

    [Fact]
    public void Kilmarnock_v_Aberdeen_has_its_levels_in_level_order_and_roles_match_the_catalogue()
    {
        // 1.252597432: batb for 56086 is [0,2.82,2.2],[1,2.8,4.75],[2,2.78,27.66],...; batl [0,3.25,4.75],[1,3.3,111.65],[2,980,0.15].
        var replay = Replay.OfFile(File);
        var book = Parse(replay.Snapshots.Single(snapshot => snapshot.MarketId == "1.252597432"));
        var home = Runner(book, 56086);
        Assert.Equal([new Level(2.82, 2.2), new Level(2.8, 4.75), new Level(2.78, 27.66)], home.Back[..3]);
        Assert.Equal([new Level(3.25, 4.75), new Level(3.3, 111.65), new Level(980, 0.15)], home.Lay);
        Assert.Equal(new Level(3.35, 28.94), Runner(book, 58805).Back[0]);
        Assert.Equal(new Level(2.82, 4.75), Runner(book, 1189).Lay[0]);

        var info = replay.Infos.Single(market => market.MarketId == "1.252597432");
        Assert.True(RoleAssignment.TryAssign(info, out var roles, out _));
        Assert.Equal((56086L, 1189L, 58805L), (roles.HomeSelectionId, roles.AwaySelectionId, roles.DrawSelectionId));

        // The REST catalogue of the same market names them: Kilmarnock (56086) v Aberdeen (1189).
        using var catalogue = JsonDocument.Parse(System.IO.File.ReadAllText(BetfairData.File("catalogue/football-match-odds-10-markets-catalogue.json")));
        var market = catalogue.RootElement.GetProperty("result").EnumerateArray()
            .Single(entry => entry.GetProperty("marketId").GetString() == "1.252597432");
        Assert.Equal("Kilmarnock v Aberdeen", market.GetProperty("event").GetProperty("name").GetString());
        var names = market.GetProperty("runners").EnumerateArray()
            .ToDictionary(runner => runner.GetProperty("selectionId").GetInt64(), runner => runner.GetProperty("runnerName").GetString());
        Assert.Equal(("Kilmarnock", "Aberdeen", "The Draw"), (names[roles.HomeSelectionId], names[roles.AwaySelectionId], names[roles.DrawSelectionId]));
    }
}
