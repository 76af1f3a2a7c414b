using System.Data;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Import;

/// <summary>Target columns and their parameter types, in the order of <see cref="GameRow.Values"/> and <see cref="PlayerLogRow.Values"/>.</summary>
internal static class ImportColumns
{
    public static readonly (string Column, DbType Type)[] Games =
    [
        ("game_id", DbType.String), ("game_date", DbType.Date), ("season", DbType.String), ("season_id", DbType.Int64),
        ("home_team_id", DbType.Int64), ("home_team_abbr", DbType.String), ("home_team_name", DbType.String),
        ("away_team_id", DbType.Int64), ("away_team_abbr", DbType.String), ("away_team_name", DbType.String),
        ("home_pts", DbType.Int64), ("away_pts", DbType.Int64),
    ];

    public static readonly (string Column, DbType Type)[] PlayerLogs =
    [
        ("game_id", DbType.String), ("player_id", DbType.Int64), ("season_id", DbType.Int64), ("season_label", DbType.String),
        ("player_name", DbType.String), ("team_id", DbType.Int64), ("team_abbr", DbType.String), ("game_date", DbType.Date),
        ("matchup", DbType.String), ("wl", DbType.String), ("min", DbType.String),
        .. SportsTables.PlayerLogStatColumns.Select(c => (c, DbType.Int64)),
    ];

    public static readonly string[] GamesKey = ["game_id"];
    public static readonly string[] PlayerLogsKey = ["game_id", "player_id"];
}
