using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class NullRuleTests
{
    private static IEnumerable<string> RoleColumns(string role) =>
        OrderBookMetrics.Names.Where(name => name.StartsWith(role + "_", StringComparison.Ordinal));

    [Fact]
    public void Role_without_metadata_id_is_null_in_every_column()
    {
        var row = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: 2, Draw: null));

        Assert.Equal(18, RoleColumns("draw").Count()); // 17 in the role block + spread_ticks
        foreach (var name in RoleColumns("draw"))
        {
            row.AssertNull(name, "no_metadata");
        }
    }

    [Fact]
    public void Role_whose_selection_is_not_in_the_book_is_null_in_every_column()
    {
        var row = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: 99, Draw: 3));

        foreach (var name in RoleColumns("away"))
        {
            row.AssertNull(name, "missing_runner");
        }
    }

    [Fact]
    public void Cross_role_metrics_of_present_roles_are_null_when_another_role_is_missing()
    {
        var row = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: 99, Draw: 3));

        foreach (var role in new[] { "home", "draw" })
        {
            row.AssertNull($"{role}_risk", "missing_role");
            row.AssertNull($"{role}_book_risk_l3", "missing_role");
        }

        row.AssertNull("back_book_pct", "missing_role");
        row.AssertNull("lay_book_pct", "missing_role");
    }

    [Fact]
    public void Per_runner_metrics_of_present_roles_survive_a_missing_role()
    {
        var row = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: null, Draw: 3));

        row.AssertValue("home_best_back", 2.0);
        row.AssertValue("home_spread", 0.02);
        row.AssertValue("draw_back_stake", 60);
        Assert.NotNull(row["home_impedance"]);
    }

    [Fact]
    public void Levels_deeper_than_a_quoted_side_are_null_not_zero()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
            Runner(2, back: [new(4.0, 80), new(3.9, 20)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertNull("home_back_odds_l2", "missing_level");
        row.AssertNull("home_back_size_l2", "missing_level");
        row.AssertNull("home_back_odds_l3", "missing_level");
        row.AssertNull("home_back_size_l3", "missing_level");
        row.AssertValue("away_back_odds_l2", 3.9);
        row.AssertValue("away_back_size_l2", 20);
        row.AssertNull("away_back_odds_l3", "missing_level");
    }

    [Fact]
    public void Empty_lay_side_nulls_its_price_columns_but_has_zero_stake()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: []),
            Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertNull("home_best_lay", "empty_side");
        row.AssertNull("home_best_lay_size_l1", "empty_side");
        row.AssertNull("home_spread", "empty_side");
        row.AssertValue("home_lay_stake", 0);
        row.AssertNull("home_lay_odds", "empty_side");
        row.AssertNull("lay_book_pct", "empty_side");
        row.AssertValue("home_best_back", 2.0);
    }

    [Fact]
    public void Empty_back_side_nulls_its_columns_but_risk_counts_it_as_zero()
    {
        var book = Book(
            Runner(1, back: [], lay: [new(2.02, 50)]),
            Runner(2, back: [new(3.0, 80)], lay: [new(3.1, 40)]),
            Runner(3, back: [new(4.0, 40)], lay: [new(4.2, 30)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertNull("home_best_back", "empty_side");
        row.AssertNull("home_best_back_size_l1", "empty_side");
        row.AssertNull("home_back_odds_l2", "empty_side");
        row.AssertNull("home_back_size_l3", "empty_side");
        row.AssertValue("home_back_stake", 0);
        row.AssertNull("home_back_odds", "empty_side");
        row.AssertNull("back_book_pct", "empty_side");

        // L = 0, 160, 120 -> risk_home = 0 − 280; book risk W_home = 0 − (80 + 40)
        row.AssertValue("home_risk", -280);
        row.AssertValue("home_book_risk_l3", -120);
        row.AssertValue("away_risk", 160 - 120);
    }

    [Fact]
    public void Total_volume_without_any_figure_is_null()
    {
        var row = MetricRow.Compute(ThreeWay(), StandardRoles);

        row.AssertNull("total_volume", "missing_volume");
    }

    [Fact]
    public void Every_slot_is_written_and_non_null_values_have_no_reason()
    {
        var row = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: null, Draw: 3));

        Assert.DoesNotContain(MetricRow.UnwrittenValue, row.Values.Where(value => value.HasValue).Select(value => value!.Value));
        Assert.DoesNotContain(MetricRow.UnwrittenReason, row.Reasons);
        for (var i = 0; i < row.Values.Length; i++)
        {
            Assert.Equal(row.Values[i] is null, row.Reasons[i] is not null);
        }
    }

    [Fact]
    public void Values_are_the_same_without_reasons()
    {
        var withReasons = MetricRow.Compute(ThreeWay(), new RoleMap(Home: 1, Away: null, Draw: 3));
        var values = new double?[OrderBookMetrics.Names.Count];

        OrderBookMetrics.Compute(ThreeWay(), new RoleMap(Home: 1, Away: null, Draw: 3), values, []);

        Assert.Equal(withReasons.Values, values);
    }

    [Fact]
    public void Reused_buffers_lose_stale_values_and_reasons()
    {
        var values = new double?[OrderBookMetrics.Names.Count];
        var reasons = new string?[OrderBookMetrics.Names.Count];
        OrderBookMetrics.Compute(ThreeWay(), new RoleMap(null, null, null), values, reasons);

        OrderBookMetrics.Compute(ThreeWay(), StandardRoles, values, reasons);

        var bestBack = OrderBookMetrics.IndexOf("home_best_back");
        Assert.Equal(2.0, values[bestBack]);
        Assert.Null(reasons[bestBack]);
    }

    [Fact]
    public void Buffers_of_the_wrong_size_are_rejected()
    {
        var count = OrderBookMetrics.Names.Count;

        Assert.Throws<ArgumentException>(() => OrderBookMetrics.Compute(ThreeWay(), StandardRoles, new double?[count - 1], []));
        Assert.Throws<ArgumentException>(
            () => OrderBookMetrics.Compute(ThreeWay(), StandardRoles, new double?[count], new string?[count - 1]));
    }
}
