namespace Backfill.OrderBook.Tests.Metrics;

public sealed class MetricNamesTests
{
    private static readonly string[] RoleColumns =
    [
        "best_back", "best_lay", "spread", "best_back_size_l1", "best_lay_size_l1",
        "back_odds_l2", "back_size_l2", "back_odds_l3", "back_size_l3",
        "back_stake", "back_odds", "lay_stake", "lay_odds",
        "risk", "book_risk_l3", "impedance", "impedance_norm",
    ];

    [Fact]
    public void Names_are_the_role_blocks_in_order_then_market_columns_then_spread_ticks()
    {
        string[] expected =
        [
            .. RoleColumns.Select(column => "home_" + column),
            .. RoleColumns.Select(column => "away_" + column),
            .. RoleColumns.Select(column => "draw_" + column),
            "total_volume", "back_book_pct", "lay_book_pct",
            "home_spread_ticks", "away_spread_ticks", "draw_spread_ticks",
        ];

        Assert.Equal(expected, OrderBookMetrics.Names);
        Assert.Equal(57, OrderBookMetrics.Names.Count);
    }

    [Theory]
    [InlineData("home_best_back", 0)]
    [InlineData("home_impedance_norm", 16)]
    [InlineData("away_best_back", 17)]
    [InlineData("draw_lay_odds", 46)]
    [InlineData("total_volume", 51)]
    [InlineData("lay_book_pct", 53)]
    [InlineData("draw_spread_ticks", 56)]
    [InlineData("HOME_BEST_BACK", -1)]
    [InlineData("nope", -1)]
    public void IndexOf_finds_exact_names_only(string name, int expected) =>
        Assert.Equal(expected, OrderBookMetrics.IndexOf(name));

    [Fact]
    public void Names_cannot_be_modified_through_a_cast() =>
        Assert.False(OrderBookMetrics.Names is string[]);
}
