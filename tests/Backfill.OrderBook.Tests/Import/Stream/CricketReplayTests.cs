using Backfill.OrderBook.Import.Stream;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>
/// stream/cricket-match-odds-1.200806927 (plain text, 18,529 lines): 2 runners, 228749 (sortPriority 1)
/// and 2857977; line 1010 suspends the market at pt 1657537201427, line 1013 reopens it in play at
/// 1657537220540, line 18529 closes it at 1657550847332 with 228749 WINNER and 2857977 LOSER.
/// </summary>
public sealed class CricketReplayTests
{
    private const string File = "stream/cricket-match-odds-1.200806927";

    [Fact]
    public void Replays_every_line_without_issues_and_never_emits_a_crossed_book()
    {
        var replay = Replay.OfFile(File);
        Assert.Equal(18529, replay.Summary.LinesRead);
        Assert.Equal(18529, replay.Summary.Messages);
        Assert.Empty(replay.Summary.IssuesByKind);
        Assert.Empty(replay.Summary.Skipped);
        Assert.Equal(1, replay.Summary.Markets);

        var withBothSides = 0;
        foreach (var snapshot in replay.Snapshots)
        {
            Assert.Equal(StreamSources.AllOffers, snapshot.Source);
            foreach (var runner in Parse(snapshot).Runners.Where(runner => runner.Back.Length > 0 && runner.Lay.Length > 0))
            {
                withBothSides++;
                Assert.True(runner.Back[0].Price < runner.Lay[0].Price,
                    $"crossed book for {runner.SelectionId} at {snapshot.PublishedUtc:O}: back {runner.Back[0]} lay {runner.Lay[0]}");
            }
        }

        Assert.True(withBothSides > 10_000, $"only {withBothSides} runner books had both sides");
    }

    [Fact]
    public void Ends_closed_with_228749_the_winner()
    {
        var replay = Replay.OfFile(File);
        var last = replay.Snapshots[^1];
        Assert.Equal(Utc(1657550847332), last.PublishedUtc);
        Assert.Equal(("CLOSED", true), (last.Status, last.InPlay));
        var book = Parse(last);
        Assert.Equal("WINNER", Runner(book, 228749).Status);
        Assert.Equal("LOSER", Runner(book, 2857977).Status);
        Assert.Single(book.Runners, runner => runner.Status == "WINNER");

        var finalInfo = replay.Infos[^1];
        (long, int?, string?, string)[] settled = [(228749, 1, null, "WINNER"), (2857977, 2, null, "LOSER")];
        Assert.Equal(settled, finalInfo.Runners);
    }

    [Fact]
    public void Status_and_in_play_changes_are_emitted_at_their_own_publish_time()
    {
        var replay = Replay.OfFile(File);
        Assert.Equal(("OPEN", false), (replay.Snapshots[0].Status, replay.Snapshots[0].InPlay));
        Assert.Equal(Utc(1657018212979), replay.Snapshots[0].PublishedUtc);
        var suspended = replay.Snapshots.Single(snapshot => snapshot.PublishedUtc == Utc(1657537201427));
        Assert.Equal(("SUSPENDED", false), (suspended.Status, suspended.InPlay));
        var inPlay = replay.Snapshots.Single(snapshot => snapshot.PublishedUtc == Utc(1657537220540));
        Assert.Equal(("OPEN", true), (inPlay.Status, inPlay.InPlay));
    }

    [Fact]
    public void Snapshots_of_a_market_are_at_least_one_interval_apart_unless_the_status_changed()
    {
        var snapshots = Replay.OfFile(File).Snapshots;
        for (var i = 1; i < snapshots.Count; i++)
        {
            var gap = snapshots[i].PublishedUtc - snapshots[i - 1].PublishedUtc;
            var statusChanged = (snapshots[i].Status, snapshots[i].InPlay) != (snapshots[i - 1].Status, snapshots[i - 1].InPlay);
            var lastOne = i == snapshots.Count - 1;
            Assert.True(gap >= TimeSpan.FromSeconds(1) || (gap > TimeSpan.Zero && (statusChanged || lastOne)),
                $"snapshot {i} at {snapshots[i].PublishedUtc:O} is {gap.TotalMilliseconds} ms after the previous one");
        }
    }
}
