using System.Globalization;
using Backfill.Cli.Tests.Infrastructure;
using Backfill.Core.Sql;

namespace Backfill.Cli.Tests.Pipelines;

/// <summary>The tables the NBA pipeline writes, and a row-for-row comparison of two databases' copies of them.</summary>
public static class NbaOutputTables
{
    public static readonly string[] Phase3 = ["player_game_summary", "team_offense_game_summary", "team_defense_game_summary"];
    public static readonly string[] Phase4 = ["player_form", "team_defense_form", "feature_store"];
    public const string NotHistorical = "upcoming_player_game_context";

    /// <summary>Every historical output table with its primary key (the order rows are compared in).</summary>
    public static readonly (string Table, string[] Key)[] WithKeys =
    [
        ("player_game_summary", ["game_id", "player_id"]),
        ("team_offense_game_summary", ["game_id", "team_id"]),
        ("team_defense_game_summary", ["game_id", "team_id"]),
        ("player_form", ["game_id", "player_id"]),
        ("team_defense_form", ["game_id", "team_id"]),
        ("feature_store", ["game_id", "player_id"]),
    ];

    private const double Tolerance = 1e-9;

    public sealed record Dump(string Table, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

    public static async Task<Dump> DumpAsync(SqlStore store, string table, IReadOnlyList<string> key)
    {
        await using var cmd = store.Command($"SELECT * FROM {SqlIdentifier.Quote(table)} ORDER BY {string.Join(", ", key.Select(SqlIdentifier.Quote))}");
        await using var reader = await cmd.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new Dump(table, columns, rows);
    }

    /// <summary>
    /// Same columns, same rows in primary-key order, same values: doubles equal within 1e-9 (relative above 1), anything
    /// else exactly. Names the first differing row and column instead of printing 100,000 rows.
    /// </summary>
    public static void AssertSame(Dump expected, Dump actual, string what)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        var rows = Math.Min(expected.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < expected.Columns.Count; c++)
            {
                var (e, a) = (expected.Rows[i][c], actual.Rows[i][c]);
                if (!Same(e, a))
                {
                    Assert.Fail($"{what}: {expected.Table} row {i} (in primary-key order) differs in column {expected.Columns[c]}: expected {Show(e)}, found {Show(a)}."
                        + $"{Environment.NewLine}expected row: {ShowRow(expected, i)}{Environment.NewLine}actual row:   {ShowRow(actual, i)}");
                }
            }
        }

        Assert.True(expected.Rows.Count == actual.Rows.Count, $"{what}: {expected.Table} should hold {expected.Rows.Count:N0} rows, found {actual.Rows.Count:N0}.");
    }

    private static bool Same(object? e, object? a) => (e, a) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => x == y || Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
        _ => Equals(e, a),
    };

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string ShowRow(Dump dump, int i) => string.Join(", ", dump.Columns.Select((name, c) => $"{name}={Show(dump.Rows[i][c])}"));

    /// <summary>How many of the given scheduled dates (nba_games) hold at least one row of the table.</summary>
    public static Task<long> ScheduledDatesWithRowsAsync(string db, string table, string from, string to) =>
        TestDatabase.CountAsync(db,
            $"SELECT COUNT(DISTINCT g.game_date) FROM nba_games g WHERE g.game_date >= '{from}' AND g.game_date <= '{to}' "
            + $"AND EXISTS (SELECT 1 FROM {SqlIdentifier.Quote(table)} t WHERE t.game_date = g.game_date)");

    /// <summary>Dates holding rows of the table that are not scheduled dates in the range (should be none).</summary>
    public static Task<long> UnscheduledDatesWithRowsAsync(string db, string table, string from, string to) =>
        TestDatabase.CountAsync(db,
            $"SELECT COUNT(DISTINCT t.game_date) FROM {SqlIdentifier.Quote(table)} t WHERE NOT EXISTS "
            + $"(SELECT 1 FROM nba_games g WHERE g.game_date = t.game_date AND g.game_date >= '{from}' AND g.game_date <= '{to}')");
}
