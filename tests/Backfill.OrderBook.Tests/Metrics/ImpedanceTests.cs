using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class ImpedanceTests
{
    [Fact]
    public void Runners_outside_the_three_roles_still_count()
    {
        // The published two-runner example plus an unmapped runner 4 with B = 30, K = 10.
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
            Runner(2, back: [new(3.0, 60)], lay: [new(3.1, 40)]),
            Runner(4, back: [new(8.0, 30)], lay: [new(9.0, 10)]));

        var row = MetricRow.Compute(book, new RoleMap(Home: 1, Away: 2, Draw: null));

        // pnl_1 = 51 − 100 + (20 + 20) = −9; pnl_2 = 84 − 120 + (50 + 20) = 34; liquidity = 290
        row.AssertValue("home_impedance", 9);
        row.AssertValue("away_impedance", -34);
        row.AssertValue("home_impedance_norm", 9.0 / 290);
        row.AssertValue("away_impedance_norm", -34.0 / 290);
    }

    [Fact]
    public void Fifth_level_is_ignored()
    {
        var book = Book(
            Runner(
                1,
                back: [new(2.0, 25), new(1.9, 25), new(1.8, 25), new(1.7, 25), new(1.6, 9999)],
                lay: [new(2.1, 10)]),
            Runner(2, back: [new(3.0, 10)], lay: [new(3.2, 10)]));

        var row = MetricRow.Compute(book, new RoleMap(Home: 1, Away: 2, Draw: null));

        // back liability 25·(1 + 0.9 + 0.8 + 0.7) = 85; pnl_1 = 1.1·10 − 85 + (10 − 10) = −74
        row.AssertValue("home_impedance", 74);
        row.AssertValue("home_impedance_norm", 74.0 / 130);
    }

    [Fact]
    public void Empty_side_contributes_zero_stake_and_zero_price_term()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)]),
            Runner(2, lay: [new(3.0, 40)]));

        var row = MetricRow.Compute(book, new RoleMap(Home: 1, Away: 2, Draw: null));

        // pnl_1 = 0 − 100 + (0 − 40) = −140; pnl_2 = 2·40 − 0 + (100 − 0) = 180; liquidity = 140
        row.AssertValue("home_impedance", 140);
        row.AssertValue("away_impedance", -180);
        row.AssertValue("away_impedance_norm", -180.0 / 140);
    }

    [Fact]
    public void Book_without_liquidity_has_zero_impedance_and_zero_norm()
    {
        var book = Book(Runner(1), Runner(2), Runner(3));

        var row = MetricRow.Compute(book, StandardRoles);

        foreach (var role in new[] { "home", "away", "draw" })
        {
            row.AssertValue($"{role}_impedance", 0);
            row.AssertValue($"{role}_impedance_norm", 0);
        }
    }
}
