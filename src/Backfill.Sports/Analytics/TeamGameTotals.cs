namespace Backfill.Sports.Analytics;

/// <summary>One team's box score in one game: the sums over its players' logs.</summary>
public sealed record TeamGameTotals(
    string GameId, DateOnly GameDate, long TeamId, long? OpponentTeamId,
    long? Points, long? Fgm, long? Fga, long? Fg3m, long? Fg3a, long? Ftm, long? Fta, long? Oreb, long? Tov)
{
    public double? Possessions => BasketballMath.Possessions(Fga, Oreb, Tov, Fta);

    /// <summary>
    /// One total per (game, team) among the lines, in game then team order. A log whose team did not play its
    /// scheduled game would put its player's points on a team that was not there: that partition cannot be right, so it fails.
    /// </summary>
    public static IReadOnlyList<TeamGameTotals> Aggregate(IEnumerable<GameLogLine> lines) =>
        lines.Select(Checked).GroupBy(l => (l.GameId, l.TeamId))
            .OrderBy(g => g.Key.GameId, StringComparer.Ordinal).ThenBy(g => g.Key.TeamId)
            .Select(g =>
            {
                var first = g.First();
                return new TeamGameTotals(g.Key.GameId, first.GameDate, g.Key.TeamId, first.OpponentTeamId,
                    Sum(g, l => l.Points), Sum(g, l => l.Fgm), Sum(g, l => l.Fga), Sum(g, l => l.Fg3m), Sum(g, l => l.Fg3a),
                    Sum(g, l => l.Ftm), Sum(g, l => l.Fta), Sum(g, l => l.Oreb), Sum(g, l => l.Tov));
            })
            .ToList();

    /// <summary>The opponent's totals in the same game, when the opponent has logs.</summary>
    public static TeamGameTotals? OpponentOf(TeamGameTotals team, IEnumerable<TeamGameTotals> all) =>
        team.OpponentTeamId is { } opp ? all.FirstOrDefault(t => t.GameId == team.GameId && t.TeamId == opp) : null;

    private static GameLogLine Checked(GameLogLine l) =>
        l.HomeTeamId is not null && l.OpponentTeamId is null
            ? throw new InvalidDataException($"Player {l.PlayerId}'s log of game {l.GameId} says team {l.TeamId}, but the schedule has {l.HomeTeamId} vs {l.AwayTeamId}.")
            : l;

    private static long? Sum(IEnumerable<GameLogLine> lines, Func<GameLogLine, long?> stat) => BasketballMath.Sum(lines.Select(stat));
}
