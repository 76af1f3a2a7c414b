namespace Backfill.Sports.Precompute;

/// <summary>
/// The last-N-games window every form feature uses: at most <see cref="WindowSize"/> games strictly before the
/// game date, newest first, across seasons. Ordered by date only: game ids are not in date order.
/// </summary>
public static class RecentGames
{
    public const int WindowSize = 10;

    public static IReadOnlyList<T> Before<T>(IEnumerable<T> history, Func<T, DateOnly> dateOf, DateOnly gameDate) =>
        history.Where(h => dateOf(h) < gameDate).OrderByDescending(dateOf).Take(WindowSize).ToList();

    /// <summary>Mean of the known values; null when none is known.</summary>
    public static double? Mean(IEnumerable<double?> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (v is not { } x) continue;
            sum += x;
            n++;
        }
        return n == 0 ? null : sum / n;
    }

    /// <summary>Share of a full window the history filled, in percent: 10 points per game.</summary>
    public static double CompletenessPct(int gamesInWindow) => 100.0 * gamesInWindow / WindowSize;

    /// <summary>
    /// SQL for the window rows of every key (player or team) that <paramref name="keysOnDate"/> selects for @d: its
    /// <see cref="WindowSize"/> newest rows of <paramref name="table"/> before @d, newest first. It first finds, with an
    /// index-only seek per key, the date of the key's 10th newest earlier game, then reads only the rows from that date
    /// on, so a date costs the same late in the fourth season as early in the first. MATERIALIZED keeps the seek from
    /// being re-run per history row (SQLite 3.35+ and PostgreSQL 12+ both accept it).
    /// </summary>
    public static string HistorySql(string table, string key, IReadOnlyList<string> columns, string keysOnDate) => $"""
        WITH window_start AS MATERIALIZED (
            SELECT k.{key},
                   (SELECT x.game_date FROM {table} x WHERE x.{key} = k.{key} AND x.game_date < @d
                    ORDER BY x.game_date DESC LIMIT 1 OFFSET {WindowSize - 1}) AS since
            FROM (SELECT DISTINCT {key} FROM ({keysOnDate}) keys_on_date) k
        )
        SELECT h.{key}, h.game_date, {string.Join(", ", columns.Select(c => "h." + c))}
        FROM window_start w
        JOIN {table} h ON h.{key} = w.{key} AND h.game_date < @d AND h.game_date >= COALESCE(w.since, h.game_date)
        ORDER BY h.{key}, h.game_date DESC
        """;
}
