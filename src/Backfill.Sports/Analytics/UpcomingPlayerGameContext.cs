using Backfill.Sports.Precompute;

namespace Backfill.Sports.Analytics;

/// <summary>A pre-game points line for a player.</summary>
public sealed record PropLine(long PlayerId, string GameId, DateOnly GameDate, double? PointsLine);

/// <summary>A pre-game line next to the player's recent scoring: the mean points of his previous 10 games.</summary>
public static class UpcomingPlayerGameContext
{
    public static IReadOnlyList<string> Columns { get; } =
        ["player_id", "game_id", "game_date", "points_line", "avg_points_last10", "games_in_window"];

    public static object?[] Row(PropLine line, IEnumerable<PlayerGameSample> history)
    {
        var form = PlayerForm.Before(line.GameDate, history);
        return [line.PlayerId, line.GameId, line.GameDate, line.PointsLine, form.AvgPoints, (long)form.GamesInWindow];
    }
}
