using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class MarketLevelColumnsTests
{
    [Fact]
    public void Total_volume_prefers_the_market_figure()
    {
        var book = new MarketBook { TotalMatched = 12345.67, Runners = [Runner(1, totalMatched: 5), Runner(2, totalMatched: 6)] };

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("total_volume", 12345.67);
    }

    [Fact]
    public void Total_volume_falls_back_to_the_sum_of_runner_figures()
    {
        var book = Book(Runner(1, totalMatched: 100.5), Runner(2), Runner(3, totalMatched: 20.25));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("total_volume", 120.75);
    }

    [Fact]
    public void Book_percentages_sum_implied_probabilities_of_the_three_roles()
    {
        var row = MetricRow.Compute(ThreeWay(), StandardRoles);

        // back: 100/2.0 + 100/4.0 + 100/5.0; lay: 100/2.02 + 100/4.1 + 100/5.2
        row.AssertValue("back_book_pct", 95);
        row.AssertValue("lay_book_pct", (100 / 2.02) + (100 / 4.1) + (100 / 5.2));
    }

    [Fact]
    public void Book_percentages_ignore_runners_outside_the_roles()
    {
        var book = Book([.. ThreeWay().Runners, Runner(4, back: [new(10, 5)], lay: [new(11, 5)])]);

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("back_book_pct", 95);
    }
}
