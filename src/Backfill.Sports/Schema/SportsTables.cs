namespace Backfill.Sports.Schema;

/// <summary>Table names of the NBA pack: raw inputs first, then each phase's outputs.</summary>
public static class SportsTables
{
    public const string Games = "nba_games";
    public const string PlayerGameLogs = "nba_player_game_logs";
    public const string PlayerPropLines = "nba_player_prop_lines";

    public const string PlayerGameSummary = "player_game_summary";
    public const string TeamOffenseGameSummary = "team_offense_game_summary";
    public const string TeamDefenseGameSummary = "team_defense_game_summary";
    public const string UpcomingPlayerGameContext = "upcoming_player_game_context";

    public const string PlayerForm = "player_form";
    public const string TeamDefenseForm = "team_defense_form";
    public const string FeatureStore = "feature_store";

    /// <summary>Box-score counts of a raw player log, in file order (the importer binds them in this order).</summary>
    public static IReadOnlyList<string> PlayerLogStatColumns { get; } =
        ["pts", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb", "reb", "ast", "stl", "blk", "tov", "pf", "plus_minus"];
}
