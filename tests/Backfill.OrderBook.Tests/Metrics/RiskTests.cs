using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class RiskTests
{
    [Fact]
    public void Risk_and_book_risk_ignore_the_fourth_back_level()
    {
        // Home's 4th level (1000 @ 1.5) would add 500 to L_home and 1000 to the others' stake if counted.
        var book = Book(
            Runner(1, back: [new(2.0, 100), new(1.9, 10), new(1.8, 10), new(1.5, 1000)]),
            Runner(2, back: [new(3.0, 80)]),
            Runner(3, back: [new(4.0, 40)]));

        var row = MetricRow.Compute(book, StandardRoles);

        // L_home = 100·1 + 10·0.9 + 10·0.8 = 117; L_away = 160; L_draw = 120
        row.AssertValue("home_risk", 117 - 280);
        row.AssertValue("away_risk", 160 - 237);
        row.AssertValue("draw_risk", 120 - 277);

        // W_r = L_r; stakes: home 120, away 80, draw 40
        row.AssertValue("home_book_risk_l3", 117 - 120);
        row.AssertValue("away_book_risk_l3", 160 - 160);
        row.AssertValue("draw_book_risk_l3", 120 - 200);
    }

    [Fact]
    public void Risk_ignores_lay_offers()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.1, 5000)]),
            Runner(2, back: [new(3.0, 80)], lay: [new(3.2, 5000)]),
            Runner(3, back: [new(4.0, 40)], lay: [new(4.4, 5000)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("home_risk", 100 - 280);
        row.AssertValue("home_book_risk_l3", 100 - 120);
    }
}
