using Backfill.Core.Schema;
using static Backfill.Sports.Schema.SportsTables;

namespace Backfill.Sports.Schema;

/// <summary>The NBA schema: raw box scores and schedule, then the phase 3 and phase 4 tables the pipeline fills.</summary>
public static class SportsMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new("sports-0001", "NBA raw tables: games, player game logs, player prop lines", RawTables()),
        new("sports-0002", "NBA phase 3 analytics: player and team game summaries, upcoming player context", AnalyticsTables()),
        new("sports-0003", "NBA phase 4 precompute: player form, team defense form, feature store", PrecomputeTables()),
    ];

    private static List<MigrationStep> RawTables() =>
    [
        new CreateTable(Games,
        [
            new("game_id", ColumnType.Text, NotNull: true),
            new("game_date", ColumnType.Date, NotNull: true),
            new("season", ColumnType.Text, NotNull: true),
            new("season_id", ColumnType.BigInt),
            new("home_team_id", ColumnType.BigInt, NotNull: true),
            new("home_team_abbr", ColumnType.Text),
            new("home_team_name", ColumnType.Text),
            new("away_team_id", ColumnType.BigInt, NotNull: true),
            new("away_team_abbr", ColumnType.Text),
            new("away_team_name", ColumnType.Text),
            new("home_pts", ColumnType.BigInt),
            new("away_pts", ColumnType.BigInt),
        ], ["game_id"]),
        new CreateIndex("ix_nba_games_date", Games, ["game_date"]),
        new CreateTable(PlayerGameLogs,
        [
            new("game_id", ColumnType.Text, NotNull: true),
            new("player_id", ColumnType.BigInt, NotNull: true),
            new("season_id", ColumnType.BigInt),
            new("season_label", ColumnType.Text),
            new("player_name", ColumnType.Text),
            new("team_id", ColumnType.BigInt, NotNull: true),
            new("team_abbr", ColumnType.Text),
            new("game_date", ColumnType.Date, NotNull: true),
            new("matchup", ColumnType.Text),
            new("wl", ColumnType.Text),
            new("min", ColumnType.Text),
            .. BigInts(PlayerLogStatColumns),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_nba_player_game_logs_date", PlayerGameLogs, ["game_date"]),
        new CreateTable(PlayerPropLines,
        [
            new("game_id", ColumnType.Text, NotNull: true),
            new("player_id", ColumnType.BigInt, NotNull: true),
            new("game_date", ColumnType.Date, NotNull: true),
            new("points_line", ColumnType.Double),
            new("captured_at", ColumnType.Timestamp),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_nba_player_prop_lines_date", PlayerPropLines, ["game_date"]),
    ];

    private static List<MigrationStep> AnalyticsTables() =>
    [
        new CreateTable(PlayerGameSummary,
        [
            new("player_id", ColumnType.BigInt, NotNull: true),
            new("game_id", ColumnType.Text, NotNull: true),
            new("game_date", ColumnType.Date, NotNull: true),
            new("season", ColumnType.Text),
            new("team_id", ColumnType.BigInt, NotNull: true),
            new("opponent_team_id", ColumnType.BigInt),
            new("minutes_played", ColumnType.Double),
            .. BigInts("points", "rebounds", "assists", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta"),
            new("ts_pct", ColumnType.Double),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_player_game_summary_date", PlayerGameSummary, ["game_date"]),
        new CreateIndex("ix_player_game_summary_player_date", PlayerGameSummary, ["player_id", "game_date"]),
        new CreateTable(TeamOffenseGameSummary,
        [
            .. TeamGameKey(),
            .. BigInts("points_for", "points_against", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "tov"),
            new("possessions", ColumnType.Double),
        ], ["game_id", "team_id"]),
        new CreateIndex("ix_team_offense_game_summary_date", TeamOffenseGameSummary, ["game_date"]),
        new CreateIndex("ix_team_offense_game_summary_team_date", TeamOffenseGameSummary, ["team_id", "game_date"]),
        new CreateTable(TeamDefenseGameSummary,
        [
            .. TeamGameKey(),
            .. BigInts("points_allowed", "opp_fgm", "opp_fga", "opp_fg3m", "opp_fg3a", "opp_ftm", "opp_fta", "opp_oreb", "opp_tov"),
            new("opp_possessions", ColumnType.Double),
        ], ["game_id", "team_id"]),
        new CreateIndex("ix_team_defense_game_summary_date", TeamDefenseGameSummary, ["game_date"]),
        new CreateIndex("ix_team_defense_game_summary_team_date", TeamDefenseGameSummary, ["team_id", "game_date"]),
        new CreateTable(UpcomingPlayerGameContext,
        [
            .. PlayerGameKey(),
            new("points_line", ColumnType.Double),
            new("avg_points_last10", ColumnType.Double),
            new("games_in_window", ColumnType.BigInt, NotNull: true),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_upcoming_player_game_context_date", UpcomingPlayerGameContext, ["game_date"]),
    ];

    private static List<MigrationStep> PrecomputeTables() =>
    [
        new CreateTable(PlayerForm,
        [
            .. PlayerGameKey(),
            new("avg_minutes_last10", ColumnType.Double),
            new("avg_points_last10", ColumnType.Double),
            new("games_in_window", ColumnType.BigInt, NotNull: true),
            new("completeness_pct", ColumnType.Double, NotNull: true),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_player_form_date", PlayerForm, ["game_date"]),
        new CreateTable(TeamDefenseForm,
        [
            new("team_id", ColumnType.BigInt, NotNull: true),
            new("game_id", ColumnType.Text, NotNull: true),
            new("game_date", ColumnType.Date, NotNull: true),
            new("avg_points_allowed_last10", ColumnType.Double),
            new("games_in_window", ColumnType.BigInt, NotNull: true),
            new("completeness_pct", ColumnType.Double, NotNull: true),
        ], ["game_id", "team_id"]),
        new CreateIndex("ix_team_defense_form_date", TeamDefenseForm, ["game_date"]),
        new CreateTable(FeatureStore,
        [
            .. PlayerGameKey(),
            new("team_id", ColumnType.BigInt, NotNull: true),
            new("opponent_team_id", ColumnType.BigInt),
            new("avg_minutes_last10", ColumnType.Double),
            new("avg_points_last10", ColumnType.Double),
            new("opp_avg_points_allowed_last10", ColumnType.Double),
            new("completeness_pct", ColumnType.Double, NotNull: true),
        ], ["game_id", "player_id"]),
        new CreateIndex("ix_feature_store_date", FeatureStore, ["game_date"]),
    ];

    private static ColumnDef[] PlayerGameKey() =>
    [
        new("player_id", ColumnType.BigInt, NotNull: true),
        new("game_id", ColumnType.Text, NotNull: true),
        new("game_date", ColumnType.Date, NotNull: true),
    ];

    private static ColumnDef[] TeamGameKey() =>
    [
        new("team_id", ColumnType.BigInt, NotNull: true),
        new("game_id", ColumnType.Text, NotNull: true),
        new("game_date", ColumnType.Date, NotNull: true),
        new("opponent_team_id", ColumnType.BigInt),
    ];

    private static ColumnDef[] BigInts(params IEnumerable<string> names) => names.Select(n => new ColumnDef(n, ColumnType.BigInt)).ToArray();
}
