using System.Data.Common;
using Backfill.Core.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Backfill.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// The same statement, bound by position through SQLite's own API: the ADO.NET layer looks every parameter
    /// up by name and boxes every value on every execution, which cost about as much as SQLite's update itself.
    /// </summary>
    protected override Task UpdateEachAsync(JobSql job, bool overwrite, DbTransaction tx,
        IEnumerable<(long Key, List<double?> Values, int Offset)> rows, HashSet<long> updated, CancellationToken ct)
    {
        var db = ((SqliteConnection)Connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, UpdateSql(job, overwrite), out var statement));
        using (statement)
        {
            var key = raw.sqlite3_bind_parameter_index(statement, "@k");
            var values = job.Targets.Select((_, i) => raw.sqlite3_bind_parameter_index(statement, $"@v{i}")).ToArray();
            var native = SqliteNative.Pointer(statement);
            var connection = db.DangerousGetHandle();
            foreach (var (k, source, offset) in rows)
            {
                ct.ThrowIfCancellationRequested();
                SqliteNative.BindInt64(native, key, k);
                for (var i = 0; i < values.Length; i++)
                {
                    if (source[offset + i] is { } v) SqliteNative.BindDouble(native, values[i], v);
                    else SqliteNative.BindNull(native, values[i]);
                }
                var step = SqliteNative.Step(native);
                SqliteNative.Reset(native);
                if (step != raw.SQLITE_DONE) Check(db, step);
                if (SqliteNative.Changes(connection) == 1) updated.Add(k);
            }
        }
        return Task.CompletedTask;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(db));
    }
}
