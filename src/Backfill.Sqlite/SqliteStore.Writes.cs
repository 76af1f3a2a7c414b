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
            foreach (var (k, source, offset) in rows)
            {
                ct.ThrowIfCancellationRequested();
                raw.sqlite3_bind_int64(statement, key, k);
                for (var i = 0; i < values.Length; i++)
                {
                    if (source[offset + i] is { } v) raw.sqlite3_bind_double(statement, values[i], v);
                    else raw.sqlite3_bind_null(statement, values[i]);
                }
                var step = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (step != raw.SQLITE_DONE) Check(db, step);
                if (raw.sqlite3_changes(db) == 1) updated.Add(k);
            }
        }
        return Task.CompletedTask;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(db));
    }
}
