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
    /// SQL for the window rows of every key (player or team) that has a row in <paramref name="table"/> on @d:
    /// its <see cref="WindowSize"/> newest rows before @d, newest first. Plain SQL window functions (SQLite and PostgreSQL).
    /// </summary>
    public static string HistorySql(string table, string key, string columns, string keysOnDate) => $"""
        SELECT {key}, game_date, {columns} FROM (
            SELECT {key}, game_date, {columns},
                   ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY game_date DESC) AS recent
            FROM {table}
            WHERE {key} IN ({keysOnDate}) AND game_date < @d
        ) h
        WHERE recent <= {WindowSize}
        ORDER BY {key}, game_date DESC
        """;
}
