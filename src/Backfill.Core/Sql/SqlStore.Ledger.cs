using System.Data.Common;
using System.Text.Json;
using Backfill.Core.Runs;
using Backfill.Core.Schema;

namespace Backfill.Core.Sql;

public abstract partial class SqlStore
{
    private const string RunColumns = "run_id, job, state, started_at, finished_at, heartbeat_at, options, min_key, max_key, checkpoint_key, "
        + "candidates_at_start, processed, updated, inserted, skipped, errors, batches, reasons, nulls_before, nulls_after, message";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RunRecord> CreateRunAsync(string job, RunSettings settings, (long Min, long Max)? bounds,
        long? candidates, NullStats? before, CancellationToken ct)
    {
        var now = UtcNow;
        await using var cmd = Command(
            $"INSERT INTO {LedgerMigrations.Runs} (job, state, started_at, heartbeat_at, options, min_key, max_key, checkpoint_key, candidates_at_start, "
            + "processed, updated, inserted, skipped, errors, batches, reasons, nulls_before) "
            + "VALUES (@job, @state, @now, @now, @options, @min, @max, @cp, @cand, 0, 0, 0, 0, 0, 0, '{}', @before) RETURNING run_id", null,
            ("@job", job), ("@state", RunStates.Running), ("@now", now), ("@options", JsonSerializer.Serialize(settings, Json)),
            ("@min", bounds?.Min), ("@max", bounds?.Max), ("@cp", bounds is null ? 0L : bounds.Value.Min - 1),
            ("@cand", candidates), ("@before", before is null ? null : JsonSerializer.Serialize(before, Json)));
        var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        return (await GetRunAsync(id, ct))!;
    }

    /// <summary>The candidates and NULL counts at the start of a run that was created before they were counted.</summary>
    public async Task RecordStatisticsBeforeAsync(long runId, long candidates, NullStats before, CancellationToken ct) =>
        await ExecuteAsync($"UPDATE {LedgerMigrations.Runs} SET candidates_at_start = @cand, nulls_before = @before WHERE run_id = @id", ct,
            ("@cand", candidates), ("@before", JsonSerializer.Serialize(before, Json)), ("@id", runId));

    public async Task<RunRecord?> GetRunAsync(long runId, CancellationToken ct) =>
        (await QueryRunsAsync($"WHERE run_id = @id", ct, ("@id", runId))).FirstOrDefault();

    /// <summary>Newest runs first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string? job, int limit, CancellationToken ct) =>
        job is null
            ? await QueryRunsAsync("ORDER BY run_id DESC LIMIT @n", ct, ("@n", limit))
            : await QueryRunsAsync("WHERE job = @job ORDER BY run_id DESC LIMIT @n", ct, ("@job", job), ("@n", limit));

    /// <summary>The newest run of a job that did not finish (killed, interrupted), if any.</summary>
    public async Task<RunRecord?> FindUnfinishedRunAsync(string job, CancellationToken ct) =>
        (await QueryRunsAsync("WHERE job = @job AND state IN ('running', 'interrupted') ORDER BY run_id DESC LIMIT 1", ct, ("@job", job)))
        .FirstOrDefault();

    public async Task FinishRunAsync(long runId, string state, NullStats? after, string? message, CancellationToken ct)
    {
        var now = UtcNow;
        await ExecuteAsync($"UPDATE {LedgerMigrations.Runs} SET state = @s, finished_at = @now, heartbeat_at = @now, nulls_after = @after, message = @m WHERE run_id = @id", ct,
            ("@s", state), ("@now", now), ("@after", after is null ? null : JsonSerializer.Serialize(after, Json)), ("@m", message), ("@id", runId));
    }

    internal async Task RecordBatchAsync(DbTransaction tx, RunRecord before, BatchRecord b, string reasonsJson, IReadOnlyList<RowError> errors, CancellationToken ct)
    {
        await using (var cas = Command(
            $"UPDATE {LedgerMigrations.Runs} SET checkpoint_key = @new, processed = processed + @rows, updated = updated + @u, inserted = inserted + @i, "
            + "skipped = skipped + @s, errors = errors + @e, batches = batches + 1, reasons = @reasons, heartbeat_at = @now, state = @running "
            + "WHERE run_id = @id AND checkpoint_key = @expected", tx,
            ("@new", b.LastKey), ("@rows", b.Rows), ("@u", b.Updated), ("@i", b.Inserted), ("@s", b.Skipped), ("@e", b.Errors),
            ("@reasons", reasonsJson), ("@now", b.CommittedAt), ("@running", RunStates.Running), ("@id", b.RunId), ("@expected", before.CheckpointKey)))
        {
            if (await cas.ExecuteNonQueryAsync(ct) != 1) throw new CheckpointConflictException(b.RunId);
        }
        await using (var batch = Command(
            $"INSERT INTO {LedgerMigrations.Batches} (run_id, batch_no, first_key, last_key, rows, updated, inserted, skipped, errors, duration_ms, committed_at) "
            + "VALUES (@id, @no, @first, @last, @rows, @u, @i, @s, @e, @ms, @at)", tx,
            ("@id", b.RunId), ("@no", b.BatchNo), ("@first", b.FirstKey), ("@last", b.LastKey), ("@rows", b.Rows), ("@u", b.Updated),
            ("@i", b.Inserted), ("@s", b.Skipped), ("@e", b.Errors), ("@ms", b.DurationMs), ("@at", b.CommittedAt)))
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        if (errors.Count == 0) return;
        await using var err = Command($"INSERT INTO {LedgerMigrations.RowErrors} (run_id, row_key, reason, message) VALUES (@id, @k, @r, @m) ON CONFLICT DO NOTHING", tx);
        var pId = Param(err, "@id", System.Data.DbType.Int64);
        var pKey = Param(err, "@k", System.Data.DbType.Int64);
        var pReason = Param(err, "@r", System.Data.DbType.String);
        var pMessage = Param(err, "@m", System.Data.DbType.String);
        foreach (var e in errors)
        {
            pId.Value = e.RunId;
            pKey.Value = e.RowKey;
            pReason.Value = e.Reason;
            pMessage.Value = (object?)e.Message ?? DBNull.Value;
            await err.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<IReadOnlyList<BatchRecord>> BatchesAsync(long runId, CancellationToken ct)
    {
        await using var cmd = Command($"SELECT run_id, batch_no, first_key, last_key, rows, updated, inserted, skipped, errors, duration_ms, committed_at FROM {LedgerMigrations.Batches} WHERE run_id = @id ORDER BY batch_no", null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<BatchRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new BatchRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
                r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetDouble(9), ReadTime(r.GetValue(10))!.Value));
        return list;
    }

    public async Task<IReadOnlyList<RowError>> RowErrorsAsync(long runId, int limit, CancellationToken ct)
    {
        await using var cmd = Command($"SELECT run_id, row_key, reason, message FROM {LedgerMigrations.RowErrors} WHERE run_id = @id ORDER BY row_key LIMIT @n", null, ("@id", runId), ("@n", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RowError>();
        while (await r.ReadAsync(ct))
            list.Add(new RowError(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return list;
    }

    private async Task<IReadOnlyList<RunRecord>> QueryRunsAsync(string where, CancellationToken ct, params (string, object?)[] ps)
    {
        if (!await Dialect.TableExistsAsync(Connection, LedgerMigrations.Runs, ct))
            throw new SchemaException($"The ledger table '{LedgerMigrations.Runs}' does not exist in {Describe()}. Run 'backfill migrate' first.");
        await using var cmd = Command($"SELECT {RunColumns} FROM {LedgerMigrations.Runs} {where}", null, ps);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RunRecord>();
        while (await r.ReadAsync(ct)) list.Add(ReadRun(r));
        return list;
    }

    private static RunRecord ReadRun(DbDataReader r)
    {
        long? L(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new RunRecord
        {
            RunId = r.GetInt64(0),
            Job = r.GetString(1),
            State = r.GetString(2),
            StartedAt = ReadTime(r.GetValue(3))!.Value,
            FinishedAt = ReadTime(r.GetValue(4)),
            HeartbeatAt = ReadTime(r.GetValue(5)),
            Settings = JsonSerializer.Deserialize<RunSettings>(r.GetString(6), Json)!,
            OptionsJson = r.GetString(6),
            MinKey = L(7),
            MaxKey = L(8),
            CheckpointKey = L(9),
            CandidatesAtStart = L(10),
            Processed = L(11) ?? 0,
            Updated = L(12) ?? 0,
            Inserted = L(13) ?? 0,
            Skipped = L(14) ?? 0,
            Errors = L(15) ?? 0,
            Batches = L(16) ?? 0,
            Reasons = JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(17), Json)!,
            NullsBefore = S(18) is { } b ? JsonSerializer.Deserialize<NullStats>(b, Json) : null,
            NullsAfter = S(19) is { } a ? JsonSerializer.Deserialize<NullStats>(a, Json) : null,
            Message = S(20),
        };
    }
}
