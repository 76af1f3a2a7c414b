using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Ladder;

namespace Backfill.OrderBook.Tests.Demo;

public sealed class DemoPayloadTests
{
    /// <summary>Every snapshot whose payload the demo did not deliberately break, with the parsed book.</summary>
    private static readonly (DemoSnapshot Snapshot, BookView Book)[] Intact = DemoData.Default.Snapshots
        .Where(s => DemoDamage.For(s.SnapshotId, s.Status) is DemoPayloadDamage.None or DemoPayloadDamage.EmptyLay)
        .Select(s => (s, BookView.Parse(s.RawPayload!)))
        .ToArray();

    private static IEnumerable<(DemoSnapshot Snapshot, BookView Book)> Trading => Intact.Where(x => x.Book.Status != "CLOSED");

    [Fact]
    public void Payloads_agree_with_the_snapshot_columns_and_the_market()
    {
        var markets = DemoData.Default.Markets.ToDictionary(m => m.MarketId);
        Assert.All(Intact, x =>
        {
            var market = markets[x.Snapshot.MarketId];
            Assert.Equal(x.Snapshot.MarketId, x.Book.MarketId);
            Assert.Equal(x.Snapshot.Status, x.Book.Status);
            Assert.Equal(x.Snapshot.Inplay, x.Book.Inplay);
            Assert.Equal(x.Snapshot.TotalMatched, x.Book.TotalMatched);
            Assert.Equal(
                [market.HomeSelectionId, market.AwaySelectionId, market.DrawSelectionId],
                x.Book.Runners.Select(r => r.SelectionId));
            Assert.Equal(x.Book.TotalMatched, (double)x.Book.Runners.Sum(r => r.TotalMatched), 2);
        });
    }

    [Fact]
    public void Payloads_are_about_1_to_2_KB()
    {
        Assert.All(Trading, x => Assert.InRange(x.Snapshot.RawPayload!.Length, 900, 2_048));
    }

    [Fact]
    public void Ladders_use_valid_prices_in_book_order_with_back_below_lay()
    {
        Assert.All(Trading, x => Assert.All(x.Book.Runners, runner =>
        {
            Assert.Equal("ACTIVE", runner.Status);
            Assert.InRange(runner.Back.Count, 1, 3);
            Assert.True(PriceLadder.IsValid(runner.LastPriceTraded));
            AssertStrictlyMonotonic(runner.Back, descending: true);
            AssertStrictlyMonotonic(runner.Lay, descending: false);
            if (runner.Lay.Count > 0)
            {
                Assert.InRange(PriceLadder.TicksBetween(runner.Back[0].Price, runner.Lay[0].Price)!.Value, 1, 3);
            }
        }));
    }

    [Fact]
    public void Sizes_are_realistic_amounts_with_at_most_two_decimals()
    {
        var sizes = Trading.SelectMany(x => x.Book.Runners).SelectMany(r => r.Back.Concat(r.Lay)).Select(l => l.Size).ToList();

        Assert.All(sizes, size =>
        {
            Assert.InRange(size, 2m, 5_000m);
            Assert.Equal(decimal.Round(size, 2), size);
        });
        Assert.InRange(sizes.Average(), 100m, 2_000m);
    }

    [Fact]
    public void Back_book_sums_to_about_100_to_103_percent()
    {
        foreach (var (snapshot, book) in Trading)
        {
            double percentage = book.Runners.Sum(r => 1 / r.Back[0].Price);
            if (snapshot.Inplay)
            {
                Assert.InRange(percentage, 0.98, 1.03); // a settled-looking late score pins the favourite at 1.01
            }
            else
            {
                Assert.InRange(percentage, 1.0, 1.03);
            }
        }
    }

    [Fact]
    public void Home_prices_at_kickoff_are_plausible_for_football()
    {
        var lastPreMatch = Trading.Where(x => !x.Snapshot.Inplay).GroupBy(x => x.Snapshot.MarketId).Select(g => g.Last().Book).ToList();

        Assert.All(lastPreMatch, book =>
        {
            Assert.InRange(book.Runners[0].Back[0].Price, 1.1, 12); // home
            Assert.InRange(book.Runners[2].Back[0].Price, 3.0, 15); // draw
        });
        Assert.Contains(lastPreMatch, book => book.Runners[0].Back[0].Price < 2.0);
        Assert.Contains(lastPreMatch, book => book.Runners[0].Back[0].Price > 3.0);
    }

    [Fact]
    public void Goals_move_in_play_prices_sharply()
    {
        // The suspension marks a goal: the home price either side of it differs by several ticks.
        var jumps = DemoData.ByMarket.Select(market => market.ToList()).Sum(snapshots =>
            Enumerable.Range(1, snapshots.Count - 2).Count(i =>
                snapshots[i].Status == "SUSPENDED" && snapshots[i - 1].Status == "OPEN" && snapshots[i + 1].Status == "OPEN"
                && HomeBack(snapshots[i - 1]) is double before && HomeBack(snapshots[i + 1]) is double after
                && Math.Abs(PriceLadder.TicksBetween(before, after)!.Value) >= 5));

        Assert.True(jumps >= 10, $"{jumps} goal jumps");
    }

    [Fact]
    public void Closed_books_name_one_winner_and_offer_nothing()
    {
        var closed = Intact.Where(x => x.Book.Status == "CLOSED").Select(x => x.Book).ToList();

        Assert.InRange(closed.Count, 38, 40); // one per market, unless damage hit it
        Assert.All(closed, book =>
        {
            Assert.Single(book.Runners, r => r.Status == "WINNER");
            Assert.Equal(2, book.Runners.Count(r => r.Status == "LOSER"));
            Assert.All(book.Runners, r => Assert.Empty(r.Back.Concat(r.Lay)));
        });
    }

    private static double? HomeBack(DemoSnapshot snapshot) =>
        DemoDamage.For(snapshot.SnapshotId, snapshot.Status) == DemoPayloadDamage.None
            ? BookView.Parse(snapshot.RawPayload!).Runners[0].Back[0].Price
            : null;

    private static void AssertStrictlyMonotonic(IReadOnlyList<(double Price, decimal Size)> levels, bool descending)
    {
        Assert.All(levels, level => Assert.True(PriceLadder.IsValid(level.Price), $"{level.Price} is not a ladder price"));
        for (int i = 1; i < levels.Count; i++)
        {
            Assert.True(descending ? levels[i].Price < levels[i - 1].Price : levels[i].Price > levels[i - 1].Price);
        }
    }
}
