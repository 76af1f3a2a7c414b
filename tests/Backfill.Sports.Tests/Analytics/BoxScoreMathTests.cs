using Backfill.Sports.Analytics;

namespace Backfill.Sports.Tests.Analytics;

public sealed class BoxScoreMathTests
{
    private static readonly DateOnly Date = new(2023, 1, 2);

    private static GameLogLine Line(long team, long? pts, long? fga = 10, long? fta = 2, long? oreb = 1, long? tov = 1, long? home = 1, long? away = 2, string game = "g1") =>
        new(100 + (pts ?? 0), game, Date, team, "2022-23", "30", pts, 5, 3, 4, fga, 1, 3, 2, fta, oreb, tov, home, away);

    [Fact]
    public void True_shooting_is_points_over_twice_the_shooting_possessions()
    {
        Assert.Equal(71 / 90.0, BasketballMath.TrueShootingPct(71, 34, 25)!.Value, 1e-12);
    }

    [Fact]
    public void True_shooting_is_null_without_any_shot_or_with_missing_counts()
    {
        Assert.Null(BasketballMath.TrueShootingPct(0, 0, 0));
        Assert.Null(BasketballMath.TrueShootingPct(10, null, 2));
    }

    [Fact]
    public void Possessions_follow_the_formula_and_need_every_count()
    {
        Assert.Equal(108.8, BasketballMath.Possessions(92, 13, 10, 45)!.Value, 1e-9);
        Assert.Null(BasketballMath.Possessions(92, null, 10, 45));
    }

    [Fact]
    public void Sums_skip_nulls_like_SQL_and_are_null_when_nothing_is_known()
    {
        Assert.Equal(5L, BasketballMath.Sum([2, null, 3]));
        Assert.Null(BasketballMath.Sum([null, null]));
    }

    [Fact]
    public void The_opponent_is_the_other_side_of_the_scheduled_game()
    {
        Assert.Equal(2L, Line(team: 1, pts: 0).OpponentTeamId);
        Assert.Equal(1L, Line(team: 2, pts: 0).OpponentTeamId);
        Assert.Null(Line(team: 3, pts: 0).OpponentTeamId);
        Assert.Null(Line(team: 1, pts: 0, home: null, away: null).OpponentTeamId);
    }

    [Fact]
    public void Team_totals_sum_the_players_and_take_points_against_from_the_opponent()
    {
        var totals = TeamGameTotals.Aggregate([Line(1, 20), Line(1, 15, fga: 8, fta: 4), Line(2, 30)]);
        var offense = TeamOffenseGameSummary.Rows(totals);

        Assert.Equal(2, totals.Count);
        Assert.Equal((35L, 18L, 6L, 2L, 2L), (totals[0].Points, totals[0].Fga, totals[0].Fta, totals[0].Oreb, totals[0].Tov));
        Assert.Equal(18 - 2 + 2 + 0.44 * 6, totals[0].Possessions!.Value, 1e-9);
        Assert.Equal([35L, 30L], offense[0][4..6]);
    }

    [Fact]
    public void A_team_whose_opponent_has_no_logs_has_no_points_against_and_no_defense_row()
    {
        var totals = TeamGameTotals.Aggregate([Line(1, 20)]);

        Assert.Null(TeamOffenseGameSummary.Rows(totals)[0][5]);
        Assert.Empty(TeamDefenseGameSummary.Rows(totals));
    }
}
