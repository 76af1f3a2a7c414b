using System.Data.Common;
using Backfill.Core.Schema;
using Backfill.Core.Sql;

namespace Backfill.Sqlite;

public sealed class SqliteDialect : SqlDialect
{
    public override string Name => "sqlite";

    public override bool IdentityIsPrimaryKey => true;

    // In WAL mode a deferred transaction's first read pins the snapshot it sees until it ends; writers go on.
    public override string BeginSnapshotSql => "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema";

    public override string TypeOf(ColumnType type) => type switch
    {
        ColumnType.BigInt => "INTEGER",
        ColumnType.Identity => "INTEGER PRIMARY KEY", // rowid alias: auto-assigned, never reused with AUTOINCREMENT semantics unnecessary here
        ColumnType.Text or ColumnType.Json => "TEXT",
        ColumnType.Double => "REAL",
        ColumnType.Boolean => "INTEGER",
        ColumnType.Date => "TEXT", // 'yyyy-MM-dd': DateOnly parameters bind as this text, so dates compare as text
        ColumnType.Timestamp => "TEXT", // ISO-8601 UTC, 'yyyy-MM-dd HH:mm:ss.fffffff': sorts and compares as text
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public override string IsDistinct(string a, string b) => $"{a} IS NOT {b}";

    public override async Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(DbConnection c, string table, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name, type FROM pragma_table_info(@t)";
        var p = cmd.CreateParameter();
        p.ParameterName = "@t";
        p.Value = table;
        cmd.Parameters.Add(p);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = r.GetString(1);
        return result;
    }
}
