using Backfill.OrderBook.Import.Catalogue;

namespace Backfill.OrderBook.Tests.Import.Catalogue;

public sealed class TeamNamesTests
{
    [Theory]
    [InlineData("Bodø/Glimt", "bodo/glimt")]
    [InlineData("1. FC Köln", "1. FC Koln")]
    [InlineData("Deportivo Alave\u0301s", "Deportivo Alavés")] // decomposed accent against precomposed
    [InlineData("  Śląsk   Wrocław ", "slask wroclaw")]
    [InlineData("Gießen", "GIESSEN")]
    public void Same_team_written_differently_is_the_same(string left, string right) =>
        Assert.True(TeamNames.AreSame(left, right));

    [Theory]
    [InlineData("Kilmarnock", "Aberdeen")]
    [InlineData("Man Utd", "Manchester United")]
    [InlineData("Ross Co", null)]
    public void Different_or_unknown_names_are_not_the_same(string left, string? right) =>
        Assert.False(TeamNames.AreSame(left, right));

    [Theory]
    [InlineData("Kilmarnock v Aberdeen", "Kilmarnock", "Aberdeen")]
    [InlineData("  East Fife  v  Montrose ", "East Fife", "Montrose")]
    public void Event_name_splits_at_its_v(string eventName, string home, string away)
    {
        Assert.True(TeamNames.TrySplitEvent(eventName, out var h, out var a));
        Assert.Equal((home, away), (h, a));
    }

    [Theory]
    [InlineData("Kilmarnock @ Aberdeen")]
    [InlineData("A v B v C")]
    [InlineData(" v Aberdeen")]
    [InlineData(null)]
    public void Event_names_not_of_the_form_home_v_away_do_not_split(string? eventName) =>
        Assert.False(TeamNames.TrySplitEvent(eventName, out _, out _));
}
