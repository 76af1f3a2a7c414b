namespace Backfill.Sports.Import;

/// <summary>
/// Rebuilds schedule rows from player logs, for files that come without a games file (the mini fixture): the
/// side whose MATCHUP reads "CLE vs. CHI" is home, "CHI @ CLE" is away, and each side's points are its players' sum.
/// </summary>
internal sealed class GamesFromLogs
{
    private readonly Dictionary<string, Game> _games = new(StringComparer.Ordinal);

    public void Add(PlayerLogRow log)
    {
        if (!_games.TryGetValue(log.GameId, out var game))
            _games[log.GameId] = game = new Game(log.GameId, log.GameDate, log.SeasonLabel, log.SeasonId);
        var side = SideOf(log.Matchup);
        if (side is null) return;
        if (!game.Sides.TryGetValue(log.TeamId, out var team))
            game.Sides[log.TeamId] = team = new Team(side.Value, log.TeamAbbr, log.TeamName);
        if (log.Points is { } pts) team.Points = (team.Points ?? 0) + pts;
    }

    /// <summary>Games with exactly one home and one away team; others cannot be told apart and are left out.</summary>
    public IEnumerable<GameRow> Rows()
    {
        foreach (var g in _games.Values)
        {
            var home = g.Sides.Where(s => s.Value.IsHome).ToList();
            var away = g.Sides.Where(s => !s.Value.IsHome).ToList();
            if (home.Count != 1 || away.Count != 1 || g.Season is null) continue;
            var (h, a) = (home[0], away[0]);
            yield return new GameRow(g.Id, g.Date, g.Season, g.SeasonId,
                h.Key, h.Value.Abbr, h.Value.Name, a.Key, a.Value.Abbr, a.Value.Name, h.Value.Points, a.Value.Points);
        }
    }

    /// <summary>True for home, false for away, null when the matchup says neither.</summary>
    internal static bool? SideOf(string? matchup) =>
        matchup is null ? null
        : matchup.Contains(" vs. ", StringComparison.Ordinal) ? true
        : matchup.Contains(" @ ", StringComparison.Ordinal) ? false
        : null;

    private sealed class Game(string id, DateOnly date, string? season, long? seasonId)
    {
        public string Id => id;
        public DateOnly Date => date;
        public string? Season => season;
        public long? SeasonId => seasonId;
        public Dictionary<long, Team> Sides { get; } = [];
    }

    private sealed class Team(bool isHome, string? abbr, string? name)
    {
        public bool IsHome => isHome;
        public string? Abbr => abbr;
        public string? Name => name;
        public long? Points { get; set; }
    }
}
