using System.Globalization;
using Backfill.Core.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Backfill.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>
    /// The base read, through SQLite's own API (<see cref="SqliteNative"/>): per value the ADO.NET reader makes two
    /// or three calls, each with its handle checks, and boxes what it returns. Values come back as the ADO.NET reader's GetValue
    /// gives them (integer, real, text, blob by storage class); text goes into the batch's arena as UTF-8 when
    /// the processor takes it.
    /// </summary>
    public override Task<RowBatch> ReadAsync(JobSql job, long after, long max, int limit, bool candidatesOnly, CancellationToken ct)
    {
        var batch = new RowBatch(limit, job.Inputs.Count, job.Carry.Count, job.Targets.Count);
        var db = ((SqliteConnection)Connection).Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, candidatesOnly ? job.SelectCandidates : job.SelectRows, out var statement));
        using (statement)
        {
            Bind(statement, "@after", after);
            Bind(statement, "@max", max);
            Bind(statement, "@limit", limit);
            if (job.Window.From is { } from) Bind(statement, "@from", from);
            if (job.Window.To is { } to) Bind(statement, "@to", to);
            var native = SqliteNative.Pointer(statement);
            var n = 0;
            int rc;
            while ((rc = SqliteNative.Step(native)) == raw.SQLITE_ROW)
            {
                if ((n & 1023) == 0) ct.ThrowIfCancellationRequested();
                batch.Keys[n] = SqliteNative.ColumnInt64(native, 0);
                batch.HasTarget[n] = SqliteNative.ColumnInt64(native, 1) == 1;
                for (var i = 0; i < batch.InputWidth; i++)
                    batch.Inputs[n * batch.InputWidth + i] = Value(native, job.InputOffset + i, job.Utf8Text ? batch.Text : null);
                // Carried columns only go into a derived row that does not exist yet: no strings for the others.
                for (var i = 0; i < batch.CarryWidth && !batch.HasTarget[n]; i++)
                    batch.Carry[n * batch.CarryWidth + i] = Value(native, job.CarryOffset + i, null);
                for (var i = 0; i < batch.TargetWidth; i++)
                {
                    var column = job.TargetOffset + i;
                    batch.Current[n * batch.TargetWidth + i] = SqliteNative.ColumnType(native, column) == raw.SQLITE_NULL
                        ? null : SqliteNative.ColumnDouble(native, column);
                }
                n++;
            }
            if (rc != raw.SQLITE_DONE) Check(db, rc);
            batch.Count = n;
        }
        return Task.FromResult(batch);
    }

    private static object? Value(nint statement, int column, TextArena? utf8) => SqliteNative.ColumnType(statement, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => SqliteNative.ColumnInt64(statement, column),
        raw.SQLITE_FLOAT => SqliteNative.ColumnDouble(statement, column),
        raw.SQLITE_TEXT when utf8 is not null => Copy(SqliteNative.ColumnBytesOf(statement, column), utf8),
        raw.SQLITE_TEXT => System.Text.Encoding.UTF8.GetString(SqliteNative.ColumnBytesOf(statement, column)),
        _ => SqliteNative.ColumnBytesOf(statement, column).ToArray(),
    };

    private static ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> text, TextArena arena)
    {
        var bytes = arena.Allocate(text.Length);
        text.CopyTo(bytes.Span);
        return bytes;
    }

    private static void Bind(sqlite3_stmt statement, string name, long value) =>
        raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, name), value);

    // As Microsoft.Data.Sqlite binds a DateTime, so a window compares with stored times the same way.
    private static void Bind(sqlite3_stmt statement, string name, DateTime value) =>
        raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, name),
            value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
}
