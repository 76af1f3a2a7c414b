namespace Backfill.Sports.Precompute;

/// <summary>A player's form on a game, with his team, his opponent and that opponent's defensive form (null when missing).</summary>
public sealed record FeatureInput(
    long PlayerId, string GameId, DateOnly GameDate, long TeamId, long? OpponentTeamId,
    double? AvgMinutes, double? AvgPoints, double PlayerCompletenessPct,
    double? OppAvgPointsAllowed, double? OppCompletenessPct);

/// <summary>The model's features for one player-game: as complete as the weaker of its two windows.</summary>
public static class FeatureStore
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "player_id", "game_id", "game_date", "team_id", "opponent_team_id",
        "avg_minutes_last10", "avg_points_last10", "opp_avg_points_allowed_last10", "completeness_pct",
    ];

    /// <summary>Without an opponent form row the player's own completeness stands (the opponent value stays NULL).</summary>
    public static double CompletenessPct(double player, double? opponent) => opponent is { } o ? Math.Min(player, o) : player;

    public static object?[] Row(FeatureInput f) =>
    [
        f.PlayerId, f.GameId, f.GameDate, f.TeamId, f.OpponentTeamId,
        f.AvgMinutes, f.AvgPoints, f.OppAvgPointsAllowed, CompletenessPct(f.PlayerCompletenessPct, f.OppCompletenessPct),
    ];
}
