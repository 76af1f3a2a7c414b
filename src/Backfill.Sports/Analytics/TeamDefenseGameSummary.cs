namespace Backfill.Sports.Analytics;

/// <summary>What a team allowed in one game: its opponent's offense, mirrored. No opponent logs, no row.</summary>
public static class TeamDefenseGameSummary
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "team_id", "game_id", "game_date", "opponent_team_id", "points_allowed",
        "opp_fgm", "opp_fga", "opp_fg3m", "opp_fg3a", "opp_ftm", "opp_fta", "opp_oreb", "opp_tov", "opp_possessions",
    ];

    public static IReadOnlyList<object?[]> Rows(IReadOnlyList<TeamGameTotals> teams) =>
        teams.Select(t => (Team: t, Opp: TeamGameTotals.OpponentOf(t, teams)))
            .Where(x => x.Opp is not null)
            .Select(x => new object?[]
            {
                x.Team.TeamId, x.Team.GameId, x.Team.GameDate, x.Opp!.TeamId, x.Opp.Points,
                x.Opp.Fgm, x.Opp.Fga, x.Opp.Fg3m, x.Opp.Fg3a, x.Opp.Ftm, x.Opp.Fta, x.Opp.Oreb, x.Opp.Tov, x.Opp.Possessions,
            }).ToList();
}
