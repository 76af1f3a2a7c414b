using System.Globalization;
using System.Text;
using Backfill.Core.Sql;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>Every row and column of a table as text, in a fixed order, to compare two databases exactly.</summary>
public static class TableDump
{
    public const string Derived = "market_derived_metrics";
    public const string Snapshots = "market_book_snapshots";
    public const string Metadata = "market_event_metadata";

    public static async Task<IReadOnlyList<string>> DumpAsync(string db, string table, string orderBy)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        return await DumpAsync(store, table, orderBy);
    }

    public static async Task<IReadOnlyList<string>> DumpAsync(SqlStore store, string table, string orderBy)
    {
        await using var cmd = store.Command($"SELECT * FROM {SqlIdentifier.Quote(table)} ORDER BY {SqlIdentifier.Quote(orderBy)}");
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string> { string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)) };
        var line = new StringBuilder();
        while (await reader.ReadAsync())
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    line.Append('\t');
                }

                line.Append(Format(reader.GetValue(i)));
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Asserts equal dumps, naming the first row that differs instead of printing thousands of rows.</summary>
    public static void AssertSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        var rows = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < rows; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                Assert.Fail($"{what}: row {i} differs (line 0 is the header).{Environment.NewLine}expected: {expected[i]}{Environment.NewLine}actual:   {actual[i]}");
            }
        }

        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count - 1} rows, found {actual.Count - 1}.");
    }

    // Round-trip formats: two doubles print the same only if they are the same double.
    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
