using Backfill.OrderBook.Import.Stream;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>
/// Line 1 of stream/football-match-odds-1.242971311.bz2 is one image of 200 football markets at
/// pt 1746609308664 (2025-05-07T09:15:08.664Z): 140 MATCH_ODDS with three runners and 60 ASIAN_HANDICAP.
/// </summary>
public sealed class FootballImageTests
{
    private const string File = "stream/football-match-odds-1.242971311.bz2";
    private static readonly StreamReplayOptions MatchOdds = new() { MarketTypes = ["MATCH_ODDS"] };

    [Fact]
    public void The_opening_image_holds_200_markets_140_of_them_match_odds()
    {
        var all = Replay.OfFirstLine(File);
        Assert.Equal(200, all.Summary.Markets);
        Assert.Equal(140, all.Infos.Count(info => info.MarketType == "MATCH_ODDS"));
        Assert.Equal(60, all.Infos.Count(info => info.MarketType == "ASIAN_HANDICAP"));

        var matchOdds = Replay.OfFirstLine(File, MatchOdds);
        Assert.Equal(140, matchOdds.Summary.Markets);
        Assert.Equal(60, matchOdds.Summary.MarketsFiltered);
        Assert.Equal(140, matchOdds.Snapshots.Count);
        Assert.Equal(140, matchOdds.Infos.Count);
        Assert.Empty(matchOdds.Summary.Issues);
        Assert.All(matchOdds.Snapshots, snapshot =>
        {
            Assert.Equal(Utc(1746609308664), snapshot.PublishedUtc);
            Assert.Equal(("OPEN", false), (snapshot.Status, snapshot.InPlay));
            Assert.Equal(StreamSources.AllOffers, snapshot.Source);
            Assert.All(Parse(snapshot).Runners, runner =>
                Assert.True(runner.Back.Length == 0 || runner.Lay.Length == 0 || runner.Back[0].Price < runner.Lay[0].Price,
                    $"crossed image book in {snapshot.MarketId} runner {runner.SelectionId}"));
        });
    }

    [Fact]
    public void Every_match_odds_market_gets_home_away_and_draw()
    {
        var replay = Replay.OfFirstLine(File, MatchOdds);
        Assert.Equal(140, replay.Infos.Count);
        Assert.All(replay.Infos, info =>
        {
            Assert.Equal(3, info.Runners.Count);
            Assert.True(RoleAssignment.TryAssign(info, out var roles, out var reason), reason);
            Assert.Equal(58805, roles.DrawSelectionId);
            Assert.NotEqual(roles.HomeSelectionId, roles.AwaySelectionId);
            Assert.Null(roles.Warning); // the recording has neither event nor runner names
        });
    }

    [Fact]
    public void Image_ladders_come_out_best_first_like_rest()
    {
        // Market 1.243049895 (the image's first MATCH_ODDS market, 2025-05-12T18:45Z): runners 215817 (sortPriority 1),
        // 56967 (2) and the draw; home atb best 2.08 x 35.49 then 2.02 x 154.74, atl best 2.14 x 10.76 then 1000 x 0.17.
        var replay = Replay.OfFirstLine(File, MatchOdds);
        var info = replay.Infos.Single(market => market.MarketId == "1.243049895");
        Assert.True(RoleAssignment.TryAssign(info, out var roles, out _));
        Assert.Equal((215817, 56967), (roles.HomeSelectionId, roles.AwaySelectionId));
        Assert.Equal(new DateTime(2025, 5, 12, 18, 45, 0, DateTimeKind.Utc), info.MarketTimeUtc);

        var book = Parse(replay.Snapshots.Single(snapshot => snapshot.MarketId == "1.243049895"));
        Assert.Equal([215817L, 56967L, 58805L], book.Runners.Select(runner => runner.SelectionId));
        Assert.Equal(2202.97, book.TotalMatched);
        var home = Runner(book, 215817);
        Assert.Equal([new Level(2.08, 35.49), new Level(2.02, 154.74)], home.Back[..2]);
        Assert.Equal([new Level(2.14, 10.76), new Level(1000, 0.17)], home.Lay);
        Assert.Equal(2.08, home.LastPriceTraded);
        Assert.Equal(304.21, home.TotalMatched);
        Assert.Equal(new Level(3.9, 1.19), Runner(book, 56967).Back[0]);
        Assert.Equal(new Level(3.8, 40.78), Runner(book, 58805).Lay[0]);
    }

    [Fact]
    public void The_whole_bz2_recording_replays_from_the_stream_without_issues()
    {
        var replay = Replay.OfFile(File, MatchOdds);
        Assert.Equal(1736, replay.Summary.LinesRead);
        Assert.Equal(1736, replay.Summary.Messages);
        Assert.Empty(replay.Summary.IssuesByKind);
        Assert.Equal(140, replay.Summary.Markets);     // the later lines add no market to the image's
        Assert.Equal(60, replay.Summary.MarketsFiltered);
        Assert.All(replay.Snapshots, snapshot => Parse(snapshot));
    }
}
