using Backfill.OrderBook.Import.Stream;

namespace Backfill.OrderBook.Tests.Import.Stream;

public sealed class RoleAssignmentTests
{
    private static StreamMarketInfo Market(string? eventName, params (long Id, int? Priority, string? Name, string Status)[] runners) =>
        new("1.252597432", eventName, "MATCH_ODDS", null, runners);

    [Fact]
    public void Draw_is_58805_home_is_priority_1_and_away_priority_2()
    {
        var market = Market("Kilmarnock v Aberdeen",
            (58805, 3, "The Draw", "ACTIVE"), (1189, 2, "Aberdeen", "ACTIVE"), (56086, 1, "Kilmarnock", "ACTIVE"));
        Assert.True(RoleAssignment.TryAssign(market, out var roles, out _));
        Assert.Equal(new MatchOddsRoles(56086, 1189, 58805, "Kilmarnock", "Aberdeen", "The Draw", null), roles);
    }

    [Fact]
    public void Warns_when_the_event_name_disagrees_with_the_runner_names()
    {
        var swapped = Market("Aberdeen v Kilmarnock",
            (56086, 1, "Kilmarnock", "ACTIVE"), (1189, 2, "Aberdeen", "ACTIVE"), (58805, 3, "The Draw", "ACTIVE"));
        Assert.True(RoleAssignment.TryAssign(swapped, out var roles, out _));
        Assert.Contains("swapped", roles.Warning, StringComparison.Ordinal);

        var unnamed = Market("Aberdeen v Kilmarnock", (56086, 1, null, "ACTIVE"), (1189, 2, null, "ACTIVE"), (58805, 3, null, "ACTIVE"));
        Assert.True(RoleAssignment.TryAssign(unnamed, out var withoutNames, out _));
        Assert.Null(withoutNames.Warning);
    }

    [Fact]
    public void Refuses_markets_it_cannot_assign_and_says_why()
    {
        var twoWay = Market(null, (1, 1, null, "ACTIVE"), (2, 2, null, "ACTIVE"));
        Assert.False(RoleAssignment.TryAssign(twoWay, out _, out var reason));
        Assert.Contains("2 runners", reason, StringComparison.Ordinal);

        var noDraw = Market(null, (1, 1, null, "ACTIVE"), (2, 2, null, "ACTIVE"), (3, 3, null, "ACTIVE"));
        Assert.False(RoleAssignment.TryAssign(noDraw, out _, out reason));
        Assert.Contains("58805", reason, StringComparison.Ordinal);

        var win = new StreamMarketInfo("1.9", null, "WIN", null, [(1, 1, null, "ACTIVE"), (2, 2, null, "ACTIVE"), (58805, 3, null, "ACTIVE")]);
        Assert.False(RoleAssignment.TryAssign(win, out _, out reason));
        Assert.Contains("WIN", reason, StringComparison.Ordinal);
    }
}
