using System.Globalization;
using System.Text;
using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.OrderBook.Schema;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Testing.Behaviour;

/// <summary>Full, ordered text dumps of tables, to compare a database before and after something byte for byte.</summary>
public static class TableDump
{
    /// <summary>Every table a run may touch, with the order that makes its dump stable.</summary>
    public static readonly IReadOnlyList<(string Table, string OrderBy)> AllTables =
    [
        (OrderBookMigrations.Metadata, "market_id"),
        (OrderBookMigrations.Snapshots, "snapshot_id"),
        (OrderBookMigrations.Derived, "snapshot_id"),
        (LedgerMigrations.Runs, "run_id"),
        (LedgerMigrations.Batches, "run_id, batch_no"),
        (LedgerMigrations.RowErrors, "run_id, row_key"),
        ("backfill_schema_migrations", "id"),
    ];

    public static Task<string> DerivedAsync(SqlStore store, CancellationToken ct) =>
        TableAsync(store, OrderBookMigrations.Derived, "snapshot_id", ct);

    public static async Task<string> AllAsync(SqlStore store, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var (table, orderBy) in AllTables)
            text.Append(await TableAsync(store, table, orderBy, ct));
        return text.ToString();
    }

    /// <summary>"table", a header line of column names, then one line per row; values formatted invariantly and exactly.</summary>
    public static async Task<string> TableAsync(SqlStore store, string table, string orderBy, CancellationToken ct)
    {
        var order = string.Join(", ", orderBy.Split(',', StringSplitOptions.TrimEntries).Select(Quote));
        await using var cmd = store.Command($"SELECT * FROM {Quote(table)} ORDER BY {order}");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var text = new StringBuilder().Append(table).Append('\n');
        text.AppendJoin('|', Enumerable.Range(0, r.FieldCount).Select(r.GetName)).Append('\n');
        while (await r.ReadAsync(ct))
            text.AppendJoin('|', Enumerable.Range(0, r.FieldCount).Select(i => Format(r.GetValue(i)))).Append('\n');
        return text.ToString();
    }

    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
