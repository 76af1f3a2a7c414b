using Backfill.OrderBook.Import.Catalogue;

namespace Backfill.OrderBook.Tests.Import.Catalogue;

/// <summary>Roles come from selection 58805 and sortPriority 1/2; the event name is only checked.</summary>
public sealed class RoleAssignmentTests
{
    private static CatalogueMarket Market(string eventName, params CatalogueRunner[] runners) =>
        new("1.100", "Match Odds", "MATCH_ODDS", eventName, "Spanish La Liga", new DateTime(2025, 3, 1, 20, 0, 0, DateTimeKind.Utc), runners);

    private static CatalogueRunner Draw => new(58805, "The Draw", 3);

    [Fact]
    public void Accents_case_and_spaces_do_not_count_as_disagreement()
    {
        var market = Market("  Atlético Madrid v  Deportivo Alavés ", new(10, "atletico madrid", 1), new(20, "DEPORTIVO   ALAVES", 2), Draw);

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Null(warning);
        Assert.Equal((10L, 20L, 58805L, "atletico madrid"), (metadata.HomeSelectionId!.Value, metadata.AwaySelectionId!.Value, metadata.DrawSelectionId!.Value, metadata.HomeRunnerName));
    }

    [Fact]
    public void Runners_listed_against_the_event_order_keep_sort_priority_roles_and_warn()
    {
        var market = Market("Real Madrid v Barcelona", new(10, "Barcelona", 1), new(20, "Real Madrid", 2), Draw);

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Equal((10L, 20L), (metadata.HomeSelectionId!.Value, metadata.AwaySelectionId!.Value));
        Assert.Equal(new RoleWarning("1.100",
            "event \"Real Madrid v Barcelona\" names the teams the other way round from the runners: home (sortPriority 1) \"Barcelona\", away (sortPriority 2) \"Real Madrid\""),
            warning);
    }

    [Fact]
    public void Different_names_warn_and_keep_roles()
    {
        var market = Market("Man Utd v Chelsea", new(10, "Manchester United", 1), new(20, "Chelsea", 2), Draw);

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Equal(10L, metadata.HomeSelectionId);
        Assert.StartsWith("event \"Man Utd v Chelsea\" does not match the runners", warning!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_name_without_v_is_not_checked()
    {
        var market = Market("Premier League fixtures", new(10, "A", 1), new(20, "B", 2), Draw);

        MatchOddsRoles.Assign(market, out var warning);

        Assert.Null(warning);
    }

    [Fact]
    public void Two_runner_match_odds_gets_no_roles_and_a_warning()
    {
        var market = Market("Nadal v Federer", new(10, "Nadal", 1), new(20, "Federer", 2));

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Equal((null, null, null), (metadata.HomeSelectionId, metadata.AwaySelectionId, metadata.DrawSelectionId));
        Assert.Equal(("Nadal v Federer", "Spanish La Liga"), (metadata.EventName, metadata.CompetitionName));
        Assert.Equal("no roles assigned: MATCH_ODDS with 2 runners, roles need three (home, away, draw)", warning!.Message);
    }

    [Fact]
    public void Three_runners_without_selection_58805_get_no_roles()
    {
        var market = Market("A v B", new(10, "A", 1), new(20, "B", 2), new(30, "The Draw", 3));

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Null(metadata.DrawSelectionId);
        Assert.Equal("no roles assigned: no single runner is the draw (selection 58805)", warning!.Message);
    }

    [Fact]
    public void Missing_sort_priorities_get_no_roles()
    {
        var market = Market("A v B", new(10, "A", null), new(20, "B", 2), Draw);

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Null(metadata.HomeSelectionId);
        Assert.Equal("no roles assigned: the two teams must have sortPriority 1 (home) and 2 (away), found 10: none, 20: 2", warning!.Message);
    }

    [Fact]
    public void Draw_with_another_name_keeps_roles_and_warns()
    {
        var market = Market("A v B", new(10, "A", 1), new(20, "B", 2), new(58805, "Draw", 3));

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Equal((58805L, "Draw"), (metadata.DrawSelectionId!.Value, metadata.DrawRunnerName));
        Assert.Equal("selection 58805 is named \"Draw\", not \"The Draw\"", warning!.Message);
    }

    [Fact]
    public void Other_market_types_get_metadata_without_roles_or_warnings()
    {
        var market = Market("A v B", new(10, "Over 2.5 Goals", 1), new(20, "Under 2.5 Goals", 2)) with { MarketType = "OVER_UNDER_25" };

        var metadata = MatchOddsRoles.Assign(market, out var warning);

        Assert.Null(warning);
        Assert.Equal(new MarketMetadata("1.100", "A v B", "Spanish La Liga", new DateTime(2025, 3, 1, 20, 0, 0, DateTimeKind.Utc),
            null, null, null, null, null, null), metadata);
    }
}
