namespace Backfill.Sports.Precompute;

/// <summary>A team's earlier defensive game as the form window sees it.</summary>
public sealed record TeamDefenseSample(DateOnly GameDate, long? PointsAllowed);

/// <summary>Points a team allowed over its last games before a date.</summary>
public sealed record TeamDefenseForm(double? AvgPointsAllowed, int GamesInWindow)
{
    public double CompletenessPct => RecentGames.CompletenessPct(GamesInWindow);

    public static IReadOnlyList<string> Columns { get; } =
        ["team_id", "game_id", "game_date", "avg_points_allowed_last10", "games_in_window", "completeness_pct"];

    public static TeamDefenseForm Before(DateOnly gameDate, IEnumerable<TeamDefenseSample> history)
    {
        var window = RecentGames.Before(history, s => s.GameDate, gameDate);
        return new TeamDefenseForm(RecentGames.Mean(window.Select(s => (double?)s.PointsAllowed)), window.Count);
    }

    public object?[] Row(long teamId, string gameId, DateOnly gameDate) =>
        [teamId, gameId, gameDate, AvgPointsAllowed, (long)GamesInWindow, CompletenessPct];
}
