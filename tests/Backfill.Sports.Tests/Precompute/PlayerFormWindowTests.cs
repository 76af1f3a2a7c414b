using Backfill.Sports.Precompute;

namespace Backfill.Sports.Tests.Precompute;

/// <summary>The last-10 window as a pure function: no database.</summary>
public sealed class PlayerFormWindowTests
{
    private static readonly DateOnly GameDate = new(2024, 1, 15);

    private static PlayerGameSample Game(int daysBefore, double? minutes, long? points) => new(GameDate.AddDays(-daysBefore), minutes, points);

    [Fact]
    public void A_game_with_unknown_minutes_counts_in_the_window_and_the_points_mean_but_not_the_minutes_mean()
    {
        var form = PlayerForm.Before(GameDate, [Game(1, 30, 20), Game(3, null, 10), Game(5, 20, 30)]);

        Assert.Equal(3, form.GamesInWindow);
        Assert.Equal(25.0, form.AvgMinutes);
        Assert.Equal(20.0, form.AvgPoints);
        Assert.Equal(30.0, form.CompletenessPct);
    }

    [Fact]
    public void When_no_game_of_the_window_has_minutes_the_minutes_mean_is_null()
    {
        var form = PlayerForm.Before(GameDate, [Game(1, null, 12), Game(2, null, 8)]);

        Assert.Null(form.AvgMinutes);
        Assert.Equal(10.0, form.AvgPoints);
        Assert.Equal(2, form.GamesInWindow);
    }

    [Fact]
    public void Only_the_10_latest_games_before_the_date_count_whatever_order_they_come_in()
    {
        // 12 earlier games, shuffled: the two oldest (11 and 12 days before, 100 points each) fall out.
        var history = Enumerable.Range(1, 12).Select(d => Game(d, 30, d > 10 ? 100 : 10)).Reverse().OrderBy(g => g.GameDate.DayNumber % 3).ToList();

        var form = PlayerForm.Before(GameDate, history);

        Assert.Equal(10, form.GamesInWindow);
        Assert.Equal(10.0, form.AvgPoints);
        Assert.Equal(100.0, form.CompletenessPct);
    }

    [Fact]
    public void Games_on_or_after_the_date_are_never_in_the_window()
    {
        var form = PlayerForm.Before(GameDate, [Game(0, 40, 50), Game(-3, 40, 50), Game(2, 20, 10)]);

        Assert.Equal(1, form.GamesInWindow);
        Assert.Equal(10.0, form.AvgPoints);
    }

    [Fact]
    public void No_earlier_game_gives_null_means_and_zero_completeness()
    {
        var form = PlayerForm.Before(GameDate, []);

        Assert.Equal(new PlayerForm(null, null, 0), form);
        Assert.Equal(0.0, form.CompletenessPct);
    }

    [Fact]
    public void The_row_follows_the_column_order()
    {
        var row = new PlayerForm(31.5, 22.25, 4).Row(203999, "0022300500", GameDate);

        Assert.Equal(PlayerForm.Columns.Count, row.Length);
        Assert.Equal([203999L, "0022300500", GameDate, 31.5, 22.25, 4L, 40.0], row);
    }

    [Fact]
    public void Team_defense_form_averages_points_allowed_over_the_same_window()
    {
        var history = Enumerable.Range(1, 11).Select(d => new TeamDefenseSample(GameDate.AddDays(-d), d == 11 ? 200 : 100 + d)).ToList();

        var form = TeamDefenseForm.Before(GameDate, history);

        Assert.Equal(10, form.GamesInWindow);
        Assert.Equal(105.5, form.AvgPointsAllowed);
        Assert.Equal(100.0, form.CompletenessPct);
    }
}
