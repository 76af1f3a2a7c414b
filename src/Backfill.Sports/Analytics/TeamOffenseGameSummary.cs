namespace Backfill.Sports.Analytics;

/// <summary>What a team did with the ball in one game; points against come from the opponent's own logs.</summary>
public static class TeamOffenseGameSummary
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "team_id", "game_id", "game_date", "opponent_team_id", "points_for", "points_against",
        "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "tov", "possessions",
    ];

    public static IReadOnlyList<object?[]> Rows(IReadOnlyList<TeamGameTotals> teams) =>
        teams.Select(t => new object?[]
        {
            t.TeamId, t.GameId, t.GameDate, t.OpponentTeamId, t.Points, TeamGameTotals.OpponentOf(t, teams)?.Points,
            t.Fgm, t.Fga, t.Fg3m, t.Fg3a, t.Ftm, t.Fta, t.Oreb, t.Tov, t.Possessions,
        }).ToList();
}
