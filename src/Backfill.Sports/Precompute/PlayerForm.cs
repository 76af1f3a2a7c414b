namespace Backfill.Sports.Precompute;

/// <summary>A player's earlier game as the form window sees it.</summary>
public sealed record PlayerGameSample(DateOnly GameDate, double? Minutes, long? Points);

/// <summary>
/// Form over the player's last games before a date. Every game in the window counts in GamesInWindow and the
/// points mean; a game with unknown minutes is only left out of the minutes mean.
/// </summary>
public sealed record PlayerForm(double? AvgMinutes, double? AvgPoints, int GamesInWindow)
{
    public double CompletenessPct => RecentGames.CompletenessPct(GamesInWindow);

    public static IReadOnlyList<string> Columns { get; } =
        ["player_id", "game_id", "game_date", "avg_minutes_last10", "avg_points_last10", "games_in_window", "completeness_pct"];

    public static PlayerForm Before(DateOnly gameDate, IEnumerable<PlayerGameSample> history)
    {
        var window = RecentGames.Before(history, s => s.GameDate, gameDate);
        return new PlayerForm(
            RecentGames.Mean(window.Select(s => s.Minutes)),
            RecentGames.Mean(window.Select(s => (double?)s.Points)),
            window.Count);
    }

    public object?[] Row(long playerId, string gameId, DateOnly gameDate) =>
        [playerId, gameId, gameDate, AvgMinutes, AvgPoints, (long)GamesInWindow, CompletenessPct];
}
