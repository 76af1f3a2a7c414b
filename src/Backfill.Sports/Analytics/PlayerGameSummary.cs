using Backfill.Sports.Parsing;

namespace Backfill.Sports.Analytics;

/// <summary>One player's game, cleaned: decimal minutes, the opponent, true shooting.</summary>
public static class PlayerGameSummary
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "player_id", "game_id", "game_date", "season", "team_id", "opponent_team_id", "minutes_played",
        "points", "rebounds", "assists", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "ts_pct",
    ];

    /// <summary>The output row, in <see cref="Columns"/> order.</summary>
    public static object?[] Row(GameLogLine l) =>
    [
        l.PlayerId, l.GameId, l.GameDate, l.Season, l.TeamId, l.OpponentTeamId, MinutesParser.Parse(l.Min),
        l.Points, l.Rebounds, l.Assists, l.Fgm, l.Fga, l.Fg3m, l.Fg3a, l.Ftm, l.Fta,
        BasketballMath.TrueShootingPct(l.Points, l.Fga, l.Fta),
    ];
}
