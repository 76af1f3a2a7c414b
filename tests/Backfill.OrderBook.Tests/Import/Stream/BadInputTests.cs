using Backfill.OrderBook.Import.Stream;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>
/// A bad-input corpus: each damaged line yields an issue with its line number, the replay goes on,
/// and every valid change before and after it (even on the same line) is applied.
/// </summary>
public sealed class BadInputTests
{
    private const string Image =
        """{"op":"mcm","pt":1000,"ct":"SUB_IMAGE","mc":[{"id":"1.1","img":true,"marketDefinition":{"status":"OPEN","inPlay":false,"marketType":"MATCH_ODDS","eventName":"Home v Away","runners":[{"id":11,"sortPriority":1,"status":"ACTIVE"},{"id":22,"sortPriority":2,"status":"ACTIVE"},{"id":58805,"sortPriority":3,"status":"ACTIVE"}]},"rc":[{"id":11,"atb":[[2.0,10]],"atl":[[2.1,20]]},{"id":22,"atb":[[3.0,5]],"atl":[[3.2,6]]}]}]}""";

    private static string Delta(long pt, string runnerChanges, string market = "1.1") =>
        $$"""{"op":"mcm","pt":{{pt}},"mc":[{"id":"{{market}}","rc":[{{runnerChanges}}]}]}""";

    private static readonly string[] Corpus =
    [
        /* 1 */ Image,
        /* 2 */ """{"op":"mcm","pt":2000,"mc":[{"id":"1.1","rc":[{"id":11,"atb":[[2.02,7""",                 // truncated
        /* 3 */ Delta(3000, """{"id":11,"atb":[[2.02,7]]}"""),
        /* 4 */ Delta(4000, """{"id":11,"atb":"lots"},{"id":22,"atl":[[3.25,"x"]]},{"id":22,"atb":[[3.05,8]]}"""), // wrong types, then a valid change
        /* 5 */ """{"op":"banana","pt":5000}""",                                                                     // unknown op
        /* 6 */ Delta(6000, """{"id":7,"atb":[[1.5,100]]}""", market: "1.999"),                                // never imaged
        /* 7 */ Delta(7000, """{"id":11,"atb":[[2.04,-3],[2.06,4]]}"""),                                       // negative size beside a good one
        /* 8 */ Delta(8000, """{"id":22,"atl":[[3.3,NaN]]}"""),                                                 // NaN is not JSON
        /* 9 */ Delta(9000, """{"id":22,"atl":[[3.35,1e999]]},{"id":22,"atl":[[3.4,9]]}"""),                   // overflows to infinity
        /* 10 */ """{"op":"mcm","id":2,"clk":"AAA","pt":10000,"ct":"HEARTBEAT"}""",
        /* 11 */ """{"op":"status","id":2,"statusCode":"SUCCESS","connectionClosed":false}""",
        /* 12 */ """{"op":"connection","connectionId":"002-051134157842-432409"}""",
        /* 13 */ "",
        /* 14 */ Delta(14000, """{"id":11,"atl":[[2.1,0],[2.12,15]],"ltp":2.04,"tv":55.5}"""),
        /* 15 */ """[1,2,3]""",
        /* 16 */ """{"op":"mcm","mc":[{"id":"1.1","rc":[{"id":11,"atb":[[2.08,1]]}]}]}""",                     // no pt
    ];

    [Fact]
    public void Each_damaged_line_is_reported_with_its_line_number_and_kind()
    {
        var replay = Replay.OfLines(Corpus, new StreamReplayOptions { Interval = TimeSpan.Zero });
        var issues = replay.Summary.Issues.Select(issue => (issue.Line, issue.Kind)).ToList();
        (long, string)[] expected =
        [
            (2, ReplayIssueKinds.InvalidJson),
            (4, ReplayIssueKinds.WrongType),
            (4, ReplayIssueKinds.WrongType),
            (5, ReplayIssueKinds.UnknownOp),
            (6, ReplayIssueKinds.NotImaged),
            (7, ReplayIssueKinds.NegativeSize),
            (8, ReplayIssueKinds.InvalidJson),
            (9, ReplayIssueKinds.NotFinite),
            (15, ReplayIssueKinds.WrongType),
            (16, ReplayIssueKinds.MissingField),
        ];
        Assert.Equal(expected, issues);
        Assert.All(replay.Summary.Issues, issue => Assert.Equal("test-lines", issue.File));
        Assert.Contains("atb is the string \"lots\"", replay.Summary.Issues[1].Message, StringComparison.Ordinal);
        Assert.Contains("1.999", replay.Summary.Issues[4].Message, StringComparison.Ordinal);
        Assert.Contains("size -3", replay.Summary.Issues[5].Message, StringComparison.Ordinal);
        Assert.Contains("1e999", replay.Summary.Issues[7].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_market_lines_are_skipped_and_counted_by_kind()
    {
        var replay = Replay.OfLines(Corpus);
        Assert.Equal(16, replay.Summary.LinesRead);
        Assert.Equal(
            new Dictionary<string, long> { ["heartbeat"] = 1, ["status"] = 1, ["connection"] = 1, ["blank"] = 1 },
            replay.Summary.Skipped);
        Assert.Equal(7, replay.Summary.Messages); // lines 1, 3, 4, 6, 7, 9 and 14
    }

    [Fact]
    public void Every_valid_change_around_the_damage_is_applied()
    {
        var replay = Replay.OfLines(Corpus);
        var last = replay.Snapshots.Last(snapshot => snapshot.MarketId == "1.1");
        Assert.Equal(Utc(14000), last.PublishedUtc);
        var book = Parse(last);

        var home = Runner(book, 11);
        Assert.Equal([new Level(2.06, 4), new Level(2.02, 7), new Level(2.0, 10)], home.Back);   // 2.04 x -3 dropped
        Assert.Equal([new Level(2.12, 15)], home.Lay);                                              // 2.1 deleted by size 0
        Assert.Equal(2.04, home.LastPriceTraded);
        Assert.Equal(55.5, home.TotalMatched);

        var away = Runner(book, 22);
        Assert.Equal([new Level(3.05, 8), new Level(3.0, 5)], away.Back);   // line 4's valid change survived its neighbours
        Assert.Equal([new Level(3.2, 6), new Level(3.4, 9)], away.Lay);      // 3.25 "x", 3.3 NaN and 3.35 1e999 never landed

        Assert.DoesNotContain(replay.Snapshots, snapshot => snapshot.MarketId == "1.999");
    }

    [Fact]
    public void A_recording_that_starts_mid_stream_reports_its_orphan_deltas_and_recovers_at_the_image()
    {
        string[] lines =
        [
            Delta(500, """{"id":11,"atb":[[1.9,1]]}"""),
            Image,
            Delta(1500, """{"id":11,"atb":[[2.02,3]]}"""),
        ];
        var replay = Replay.OfLines(lines);
        Assert.Equal([(1L, ReplayIssueKinds.NotImaged)], replay.Summary.Issues.Select(issue => (issue.Line, issue.Kind)));
        var book = Parse(replay.Snapshots[^1]);
        Assert.Equal([new Level(2.02, 3), new Level(2.0, 10)], Runner(book, 11).Back);
    }

    [Fact]
    public void Issues_beyond_the_kept_maximum_are_still_counted()
    {
        var lines = Enumerable.Range(1, 50).Select(i => Delta(i, """{"id":1,"atb":[[2,1]]}""", market: "1.404"));
        var replay = Replay.OfLines(lines, new StreamReplayOptions { MaxIssuesKept = 5 });
        Assert.Equal(5, replay.Summary.Issues.Count);
        Assert.Equal(50, replay.Summary.IssuesByKind[ReplayIssueKinds.NotImaged]);
        Assert.Equal(50, replay.Summary.IssueCount);
    }

    [Fact]
    public void A_line_longer_than_the_cap_is_skipped_and_the_next_line_still_applies()
    {
        var huge = Delta(2000, string.Join(",", Enumerable.Range(0, 200).Select(i => $$"""{"id":11,"atb":[[{{2 + (i / 100.0)}},1]]}""")));
        string[] lines = [Image, huge, Delta(3000, """{"id":11,"atb":[[2.5,4]]}""")];
        var replay = Replay.OfLines(lines, new StreamReplayOptions { MaxLineBytes = 4096 });
        Assert.Equal([(2L, ReplayIssueKinds.LineTooLong)], replay.Summary.Issues.Select(issue => (issue.Line, issue.Kind)));
        Assert.Equal([new Level(2.5, 4), new Level(2.0, 10)], Runner(Parse(replay.Snapshots[^1]), 11).Back);
    }
}
