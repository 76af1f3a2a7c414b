using System.Data;
using System.Data.Common;
using Backfill.Core.Pipelines;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Sql;

/// <summary>The ledger of partitioned runs: slots per (processor, date), gate verdicts, and the atomic partition swap.</summary>
public abstract partial class SqlStore
{
    private const string SlotColumns = "run_id, processor, partition_date, phase, status, reason, attempts, rows_read, rows_written, "
        + "started_at, finished_at, duration_ms, error, missing_dependencies";

    public async Task<RunRecord> CreatePipelineRunAsync(string job, string optionsJson, CancellationToken ct)
    {
        var now = UtcNow;
        await using var cmd = Command(
            $"INSERT INTO {LedgerMigrations.Runs} (job, state, started_at, heartbeat_at, options, processed, updated, inserted, skipped, errors, batches, reasons) "
            + "VALUES (@job, @state, @now, @now, @options, 0, 0, 0, 0, 0, 0, '{}') RETURNING run_id", null,
            ("@job", job), ("@state", RunStates.Running), ("@now", now), ("@options", optionsJson));
        var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        return (await GetRunAsync(id, ct))!;
    }

    /// <summary>Back to running (resume, retry): the run is unfinished until its slots are.</summary>
    public Task ReopenRunAsync(long runId, CancellationToken ct) =>
        ExecuteAsync($"UPDATE {LedgerMigrations.Runs} SET state = @s, finished_at = NULL, heartbeat_at = @now WHERE run_id = @id", ct,
            ("@s", RunStates.Running), ("@now", UtcNow), ("@id", runId));

    /// <summary>Slot counts into the run row (processed = finished slots, updated = rows written, skipped/errors = slots).</summary>
    public Task SummarizePipelineRunAsync(long runId, CancellationToken ct) =>
        ExecuteAsync($"UPDATE {LedgerMigrations.Runs} SET heartbeat_at = @now, "
            + $"processed = (SELECT COUNT(*) FROM {LedgerMigrations.Slots} s WHERE s.run_id = @id AND s.status IN ('success', 'failed', 'skipped')), "
            + $"updated = (SELECT COALESCE(SUM(rows_written), 0) FROM {LedgerMigrations.Slots} s WHERE s.run_id = @id), "
            + $"skipped = (SELECT COUNT(*) FROM {LedgerMigrations.Slots} s WHERE s.run_id = @id AND s.status = 'skipped'), "
            + $"errors = (SELECT COUNT(*) FROM {LedgerMigrations.Slots} s WHERE s.run_id = @id AND s.status = 'failed'), "
            + $"batches = (SELECT COUNT(*) FROM {LedgerMigrations.Slots} s WHERE s.run_id = @id) WHERE run_id = @id", ct,
            ("@now", UtcNow), ("@id", runId));

    /// <summary>Adds slots the run does not have yet (a resumed run keeps what it recorded).</summary>
    public async Task AddSlotsAsync(long runId, IEnumerable<(SlotKey Key, int Phase, string Status, string? Reason)> slots, CancellationToken ct)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        await using var cmd = Command($"INSERT INTO {LedgerMigrations.Slots} (run_id, processor, partition_date, phase, status, reason, attempts, rows_read, rows_written) "
            + "VALUES (@id, @p, @d, @phase, @s, @r, 0, 0, 0) ON CONFLICT DO NOTHING", tx);
        var pId = Param(cmd, "@id", DbType.Int64);
        var pProc = Param(cmd, "@p", DbType.String);
        var pDate = Param(cmd, "@d", DbType.Date);
        var pPhase = Param(cmd, "@phase", DbType.Int64);
        var pStatus = Param(cmd, "@s", DbType.String);
        var pReason = Param(cmd, "@r", DbType.String);
        foreach (var (key, phase, status, reason) in slots)
        {
            pId.Value = runId;
            pProc.Value = key.Processor;
            pDate.Value = key.Date;
            pPhase.Value = (long)phase;
            pStatus.Value = status;
            pReason.Value = (object?)reason ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<SlotRecord>> SlotsAsync(long runId, CancellationToken ct)
    {
        await using var cmd = Command($"SELECT {SlotColumns} FROM {LedgerMigrations.Slots} WHERE run_id = @id ORDER BY partition_date, phase, processor", null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SlotRecord>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new SlotRecord
            {
                RunId = r.GetInt64(0),
                Processor = r.GetString(1),
                Date = Values.Date(r, 2),
                Phase = (int)Values.Long(r, 3),
                Status = r.GetString(4),
                Reason = Values.NullableString(r, 5),
                Attempts = (int)Values.Long(r, 6),
                RowsRead = Values.Long(r, 7),
                RowsWritten = Values.Long(r, 8),
                StartedAt = ReadTime(r.GetValue(9)),
                FinishedAt = ReadTime(r.GetValue(10)),
                DurationMs = Values.NullableDouble(r, 11),
                Error = Values.NullableString(r, 12),
                MissingDependencies = Values.NullableString(r, 13),
            });
        }
        return list;
    }

    public async Task<DateTime> MarkSlotRunningAsync(long runId, SlotKey key, CancellationToken ct)
    {
        var now = UtcNow;
        await ExecuteAsync($"UPDATE {LedgerMigrations.Slots} SET status = @s, attempts = attempts + 1, started_at = @now, finished_at = NULL, "
            + "duration_ms = NULL, reason = NULL, error = NULL, missing_dependencies = NULL WHERE run_id = @id AND processor = @p AND partition_date = @d", ct,
            ("@s", SlotStatus.Running), ("@now", now), ("@id", runId), ("@p", key.Processor), ("@d", key.Date));
        return now;
    }

    /// <summary>Ends a slot; with a transaction, in the same commit as the partition it wrote.</summary>
    public async Task FinishSlotAsync(long runId, SlotKey key, string status, string? reason, long rowsRead, long rowsWritten,
        double? durationMs, string? error, string? missing, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var cmd = Command($"UPDATE {LedgerMigrations.Slots} SET status = @s, reason = @r, rows_read = @read, rows_written = @written, "
            + "finished_at = @now, duration_ms = @ms, error = @e, missing_dependencies = @m WHERE run_id = @id AND processor = @p AND partition_date = @d", tx,
            ("@s", status), ("@r", reason), ("@read", rowsRead), ("@written", rowsWritten), ("@now", UtcNow), ("@ms", durationMs),
            ("@e", error), ("@m", missing), ("@id", runId), ("@p", key.Processor), ("@d", key.Date));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Puts slots back to planned (retry); their history stays in attempts.</summary>
    public async Task ResetSlotsAsync(long runId, IEnumerable<SlotKey> keys, CancellationToken ct)
    {
        foreach (var key in keys)
            await ExecuteAsync($"UPDATE {LedgerMigrations.Slots} SET status = @s, reason = NULL WHERE run_id = @id AND processor = @p AND partition_date = @d", ct,
                ("@s", SlotStatus.Planned), ("@id", runId), ("@p", key.Processor), ("@d", key.Date));
    }

    /// <summary>
    /// Swaps one date partition of a table: delete it, insert the new rows, record the slot, in one transaction, so a
    /// partition is never half written and running a date again gives the same table.
    /// </summary>
    public async Task<long> ReplacePartitionAsync(string table, string dateColumn, DateOnly date, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, Func<DbTransaction, Task> record, CancellationToken ct)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        await using (var delete = Command($"DELETE FROM {Quote(table)} WHERE {Quote(dateColumn)} = @d", tx, ("@d", date)))
            await delete.ExecuteNonQueryAsync(ct);
        if (rows.Count > 0) await InsertRowsAsync(tx, table, columns, rows, ct);
        await record(tx);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>Inserts rows in a transaction: one prepared statement executed per row (cheap in-process, as in SQLite).</summary>
    protected virtual async Task InsertRowsAsync(DbTransaction tx, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        await using var insert = Command($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", tx);
        var ps = columns.Select((_, i) => Param(insert, $"@p{i}", DbTypeOf(rows, i))).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < ps.Length; i++) ps[i].Value = row[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    // A typed parameter keeps one prepared plan on PostgreSQL even when the first value of a column is NULL.
    protected static DbType? DbTypeOf(IReadOnlyList<object?[]> rows, int column) =>
        rows.Select(r => r[column]).FirstOrDefault(v => v is not null) switch
        {
            long or int => DbType.Int64,
            double or float or decimal => DbType.Double,
            DateOnly => DbType.Date,
            bool => DbType.Boolean,
            string => DbType.String,
            _ => null,
        };

    /// <summary>Which of the given dates hold at least one row of the table (dependency checks, coverage).</summary>
    public async Task<HashSet<DateOnly>> DatesWithRowsAsync(string table, string dateColumn, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var set = new HashSet<DateOnly>();
        if (!await Dialect.TableExistsAsync(Connection, table, ct)) return set;
        await using var cmd = Command($"SELECT DISTINCT {Quote(dateColumn)} FROM {Quote(table)} WHERE {Quote(dateColumn)} >= @a AND {Quote(dateColumn)} <= @b", null,
            ("@a", from), ("@b", to));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add(Values.Date(r, 0));
        return set;
    }

    public async Task RecordGateAsync(long runId, GateResult g, CancellationToken ct) =>
        await ExecuteAsync($"INSERT INTO {LedgerMigrations.GateResults} (run_id, gate, scope, range_from, range_to, sample, value, verdict, detail, evaluated_at) "
            + "VALUES (@id, @g, @s, @f, @t, @sample, @v, @verdict, @detail, @now)", ct,
            ("@id", runId), ("@g", g.Gate), ("@s", g.Scope), ("@f", g.From), ("@t", g.To), ("@sample", g.Sample), ("@v", g.Value),
            ("@verdict", g.Verdict.ToString().ToUpperInvariant()), ("@detail", g.Detail), ("@now", UtcNow));

    public async Task<IReadOnlyList<GateResult>> GateResultsAsync(long runId, CancellationToken ct)
    {
        await using var cmd = Command($"SELECT gate, scope, range_from, range_to, sample, value, verdict, detail FROM {LedgerMigrations.GateResults} WHERE run_id = @id ORDER BY result_id", null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GateResult>();
        while (await r.ReadAsync(ct))
            list.Add(new GateResult(r.GetString(0), r.GetString(1), Values.Date(r, 2), Values.Date(r, 3), Convert.ToBoolean(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                Values.NullableDouble(r, 5), Enum.Parse<Verdict>(r.GetString(6), ignoreCase: true), r.GetString(7)));
        return list;
    }

    /// <summary>Mean milliseconds of a successful slot per processor, from every recorded run (plan's estimate).</summary>
    public async Task<IReadOnlyDictionary<string, double>> SlotThroughputAsync(CancellationToken ct)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!await Dialect.TableExistsAsync(Connection, LedgerMigrations.Slots, ct)) return result;
        await using var cmd = Command($"SELECT processor, AVG(duration_ms) FROM {LedgerMigrations.Slots} WHERE status = 'success' AND duration_ms IS NOT NULL GROUP BY processor");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result[r.GetString(0)] = Convert.ToDouble(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
