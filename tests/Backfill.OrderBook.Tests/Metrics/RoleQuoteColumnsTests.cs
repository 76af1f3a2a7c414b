using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class RoleQuoteColumnsTests
{
    // Five levels per side: the fifth (size 1000) must not reach stake or VWAP.
    private static readonly MarketBook DeepBook = Book(
        Runner(
            1,
            back: [new(2.00, 10), new(1.98, 20), new(1.96, 30), new(1.94, 40), new(1.92, 1000)],
            lay: [new(2.02, 5), new(2.04, 15), new(2.06, 25), new(2.08, 35), new(2.10, 1000)]),
        Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
        Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));

    [Fact]
    public void Level_columns_read_the_first_three_levels()
    {
        var row = MetricRow.Compute(DeepBook, StandardRoles);

        row.AssertValue("home_best_back", 2.00);
        row.AssertValue("home_best_lay", 2.02);
        row.AssertValue("home_spread", 0.02);
        row.AssertValue("home_best_back_size_l1", 10);
        row.AssertValue("home_best_lay_size_l1", 5);
        row.AssertValue("home_back_odds_l2", 1.98);
        row.AssertValue("home_back_size_l2", 20);
        row.AssertValue("home_back_odds_l3", 1.96);
        row.AssertValue("home_back_size_l3", 30);
    }

    [Fact]
    public void Stake_and_vwap_use_four_levels_and_ignore_the_fifth()
    {
        var row = MetricRow.Compute(DeepBook, StandardRoles);

        // back: 10+20+30+40 = 100; (2.00·10 + 1.98·20 + 1.96·30 + 1.94·40) / 100 = 196 / 100
        row.AssertValue("home_back_stake", 100);
        row.AssertValue("home_back_odds", 1.96);

        // lay: 5+15+25+35 = 80; (2.02·5 + 2.04·15 + 2.06·25 + 2.08·35) / 80 = 165 / 80
        row.AssertValue("home_lay_stake", 80);
        row.AssertValue("home_lay_odds", 2.0625);
    }

    [Fact]
    public void Each_role_block_reads_its_own_runner()
    {
        var row = MetricRow.Compute(DeepBook, StandardRoles);

        row.AssertValue("away_best_back", 4.0);
        row.AssertValue("away_lay_stake", 40);
        row.AssertValue("draw_best_lay", 5.2);
        row.AssertValue("draw_back_odds", 5.0);
    }

    [Fact]
    public void Roles_follow_the_metadata_not_the_runner_order()
    {
        var row = MetricRow.Compute(DeepBook, new RoleMap(Home: 3, Away: 1, Draw: 2));

        row.AssertValue("home_best_back", 5.0);
        row.AssertValue("away_best_back", 2.0);
        row.AssertValue("draw_best_back", 4.0);
    }
}
