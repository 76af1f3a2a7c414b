using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Analytics;

/// <summary>
/// A raw player log of one date with its game's home and away teams (null when the schedule lacks the game).
/// Both player and team summaries read these.
/// </summary>
public sealed record GameLogLine(
    long PlayerId, string GameId, DateOnly GameDate, long TeamId, string? Season, string? Min,
    long? Points, long? Rebounds, long? Assists, long? Fgm, long? Fga, long? Fg3m, long? Fg3a, long? Ftm, long? Fta, long? Oreb, long? Tov,
    long? HomeTeamId, long? AwayTeamId)
{
    /// <summary>The other side of the game; null when the team is neither (or the game is not on the schedule).</summary>
    public long? OpponentTeamId =>
        TeamId == HomeTeamId ? AwayTeamId
        : TeamId == AwayTeamId ? HomeTeamId
        : null;

    public static Task<IReadOnlyList<GameLogLine>> ReadAsync(IPartitionReader reader, DateOnly date, CancellationToken ct) =>
        reader.QueryAsync(Sql, Map, ct, ("@d", date));

    private static readonly string Sql = $"""
        SELECT l.player_id, l.game_id, l.game_date, l.team_id, COALESCE(g.season, l.season_label), l.min,
               l.pts, l.reb, l.ast, l.fgm, l.fga, l.fg3m, l.fg3a, l.ftm, l.fta, l.oreb, l.tov,
               g.home_team_id, g.away_team_id
        FROM {SportsTables.PlayerGameLogs} l
        LEFT JOIN {SportsTables.Games} g ON g.game_id = l.game_id
        WHERE l.game_date = @d
        ORDER BY l.game_id, l.team_id, l.player_id
        """;

    private static GameLogLine Map(System.Data.IDataRecord r) => new(
        Values.Long(r, 0), r.GetString(1), Values.Date(r, 2), Values.Long(r, 3), Values.NullableString(r, 4), Values.NullableString(r, 5),
        Values.NullableLong(r, 6), Values.NullableLong(r, 7), Values.NullableLong(r, 8), Values.NullableLong(r, 9), Values.NullableLong(r, 10),
        Values.NullableLong(r, 11), Values.NullableLong(r, 12), Values.NullableLong(r, 13), Values.NullableLong(r, 14), Values.NullableLong(r, 15),
        Values.NullableLong(r, 16), Values.NullableLong(r, 17), Values.NullableLong(r, 18));
}
