using Backfill.OrderBook.Import.Stream;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>When snapshots are emitted, and what state and time each one carries.</summary>
public sealed class EmissionTests
{
    private static string Definition(long pt, string status, bool inPlay = false, string type = "MATCH_ODDS", bool image = false) =>
        $$$"""{"op":"mcm","pt":{{{pt}}},"mc":[{"id":"1.5",{{{(image ? "\"img\":true," : "")}}}"marketDefinition":{"status":"{{{status}}}","inPlay":{{{(inPlay ? "true" : "false")}}},"marketType":"{{{type}}}","runners":[{"id":11,"sortPriority":1,"status":"ACTIVE"}]}}]}""";

    private static string Back(long pt, double price, double size, string market = "1.5") =>
        $$"""{"op":"mcm","pt":{{pt}},"mc":[{"id":"{{market}}","rc":[{"id":11,"atb":[[{{price}},{{size}}]]}]}]}""";

    private static readonly string[] Timeline =
    [
        Definition(0, "OPEN", image: true),
        Back(100, 2.0, 1),
        Back(200, 2.0, 2),
        Back(1500, 2.0, 3),
        Back(1600, 2.0, 4),
        Definition(1700, "SUSPENDED"),
        Back(5000, 2.0, 5),
    ];

    [Fact]
    public void At_most_one_snapshot_per_interval_plus_status_changes_and_the_end()
    {
        var snapshots = Replay.OfLines(Timeline).Snapshots;

        // 0: first state. 1000: the state of pt 200 (size 2), held through the end of the first interval.
        // 1700: the suspension (with the size 4 of pt 1600). 5000: the last state of the input.
        Assert.Equal([Utc(0), Utc(1000), Utc(1700), Utc(5000)], snapshots.Select(snapshot => snapshot.PublishedUtc));
        Assert.Equal(["OPEN", "OPEN", "SUSPENDED", "SUSPENDED"], snapshots.Select(snapshot => snapshot.Status));
        Assert.Equal([0.0, 2, 4, 5], snapshots.Select(snapshot => BackSize(snapshot)));
    }

    [Fact]
    public void A_zero_interval_emits_every_distinct_publish_time_once()
    {
        string[] lines = [.. Timeline, Back(5000, 2.02, 9)]; // a second message at the same pt joins the same snapshot
        var snapshots = Replay.OfLines(lines, new StreamReplayOptions { Interval = TimeSpan.Zero }).Snapshots;
        Assert.Equal([0L, 100, 200, 1500, 1600, 1700, 5000],
            snapshots.Select(snapshot => (long)(snapshot.PublishedUtc - DateTime.UnixEpoch).TotalMilliseconds));
        Assert.Equal([new Level(2.02, 9), new Level(2.0, 5)], Runner(Parse(snapshots[^1]), 11).Back);
    }

    [Fact]
    public void An_image_replaces_the_cached_book()
    {
        string[] lines =
        [
            Definition(0, "OPEN", image: true),
            Back(100, 2.0, 1),
            Back(200, 1.9, 7),
            """{"op":"mcm","pt":3000,"mc":[{"id":"1.5","img":true,"rc":[{"id":11,"atb":[[1.8,3]],"ltp":1.85}]}]}""",
        ];
        var last = Replay.OfLines(lines).Snapshots[^1];
        var runner = Runner(Parse(last), 11);
        Assert.Equal([new Level(1.8, 3)], runner.Back);
        Assert.Equal(1.85, runner.LastPriceTraded);
        Assert.Equal("OPEN", last.Status); // an image without a definition keeps the known one
    }

    [Fact]
    public void Level_keyed_deltas_replace_and_empty_levels_by_position()
    {
        string[] lines =
        [
            Definition(0, "OPEN", image: true),
            """{"op":"mcm","pt":100,"mc":[{"id":"1.5","rc":[{"id":11,"batb":[[0,2.0,5],[1,1.9,3],[2,1.8,1]],"batl":[[0,2.1,4]]}]}]}""",
            """{"op":"mcm","pt":200,"mc":[{"id":"1.5","rc":[{"id":11,"batb":[[0,2.02,1],[1,0,0]]}]}]}""",
        ];
        var last = Replay.OfLines(lines).Snapshots[^1];
        Assert.Equal(StreamSources.BestOffers, last.Source);
        var runner = Runner(Parse(last), 11);
        Assert.Equal([new Level(2.02, 1), new Level(1.8, 1)], runner.Back);
        Assert.Equal([new Level(2.1, 4)], runner.Lay);
    }

    [Fact]
    public void Filtered_market_types_emit_nothing_and_their_deltas_are_not_issues()
    {
        string[] lines = [Definition(0, "OPEN", type: "WIN", image: true), Back(100, 2.0, 1)];
        var replay = Replay.OfLines(lines, new StreamReplayOptions { MarketTypes = ["MATCH_ODDS"] });
        Assert.Empty(replay.Events);
        Assert.Empty(replay.Summary.IssuesByKind);
        Assert.Equal(1, replay.Summary.MarketsFiltered);
    }

    [Fact]
    public void A_market_imaged_without_a_definition_is_reported_once_at_the_end()
    {
        string[] lines =
        [
            """{"op":"mcm","pt":0,"mc":[{"id":"1.6","img":true,"rc":[{"id":11,"atb":[[2.0,1]]}]}]}""",
            """{"op":"mcm","pt":100,"mc":[{"id":"1.6","rc":[{"id":11,"atb":[[2.0,2]]}]}]}""",
        ];
        var replay = Replay.OfLines(lines);
        Assert.Empty(replay.Snapshots);
        var issue = Assert.Single(replay.Summary.Issues);
        Assert.Equal((0L, ReplayIssueKinds.NoDefinition), (issue.Line, issue.Kind));
        Assert.Contains("1.6", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Market_info_is_yielded_when_first_known_and_again_only_when_it_changes()
    {
        var infos = Replay.OfLines(Timeline).Infos;
        var info = Assert.Single(infos); // the suspension changes the status, not the metadata
        Assert.Equal("1.5", info.MarketId);
        Assert.Equal("MATCH_ODDS", info.MarketType);
    }

    private static double BackSize(StreamSnapshot snapshot) =>
        Runner(Parse(snapshot), 11).Back is [var best, ..] ? best.Size : 0;
}
