using Backfill.OrderBook.Import.Stream;
using static Backfill.OrderBook.Tests.Import.Stream.Books;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>
/// stream/horse-win-both-ladders-MarketStream.txt carries all-offers (atb/atl) and best-offers
/// (batb/batl) ladders for the same horse WIN market 1.241629436.
/// </summary>
public sealed class LadderKindTests
{
    private const string File = "stream/horse-win-both-ladders-MarketStream.txt";

    [Fact]
    public void With_both_kinds_the_all_offers_ladder_is_preferred()
    {
        var replay = Replay.OfFile(File);
        Assert.Empty(replay.Summary.IssuesByKind);
        Assert.All(replay.Snapshots, snapshot => Assert.Equal(StreamSources.AllOffers, snapshot.Source));
    }

    [Fact]
    public void Best_offers_roll_a_small_top_level_into_the_next_price()
    {
        // Line 320 (pt 1743511721887, 2025-04-01T12:48:41.887Z), selection 58186642: atb [[17,0.1]] puts 0.10 at 17
        // above 16.5 x 51.76 in the all-offers ladder, while batb level 0 is [0,16.5,51.86]: the 0.10 rolled into 16.5.
        var at = Utc(1743511721887);
        var options = new StreamReplayOptions { Interval = TimeSpan.Zero };
        var all = Replay.OfFile(File, options with { ForceLadder = LadderKind.AllOffers }).Snapshots.Single(s => s.PublishedUtc == at);
        var best = Replay.OfFile(File, options with { ForceLadder = LadderKind.BestOffers }).Snapshots.Single(s => s.PublishedUtc == at);

        Assert.Equal(StreamSources.AllOffers, all.Source);
        Assert.Equal(StreamSources.BestOffers, best.Source);
        var allOffers = Runner(Parse(all), 58186642);
        var bestOffers = Runner(Parse(best), 58186642);
        Assert.Equal([new Level(17, 0.1), new Level(16.5, 51.76), new Level(16, 17.58)], allOffers.Back[..3]);
        Assert.Equal([new Level(16.5, 51.86), new Level(16, 17.58), new Level(15.5, 43.53)], bestOffers.Back[..3]);
        Assert.NotEqual(allOffers.Back[0].Size, bestOffers.Back[0].Size);
    }
}
