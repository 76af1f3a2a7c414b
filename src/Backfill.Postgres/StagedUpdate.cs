using Backfill.Core.Sql;
using Npgsql;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Postgres;

/// <summary>
/// The default set-based update: binary COPY of the batch's values (encoded by <see cref="BinaryCopyRows"/>) into a session temp table, then one
/// UPDATE ... FROM it with the same NULL guard as the unnest form. At 1M rows it cost the server 2.5 s (text) to
/// 4 s (jsonb) less CPU than the unnest form (bench/RESULTS.md); BACKFILL_PG_WRITE=unnest selects that one.
/// </summary>
internal static class StagedUpdate
{
    public static bool Enabled { get; } = !string.Equals(Environment.GetEnvironmentVariable("BACKFILL_PG_WRITE"), "unnest", StringComparison.OrdinalIgnoreCase);

    public static async Task<HashSet<long>> UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, JobSql job, bool overwrite,
        List<long> keys, List<double?> values, int width, CancellationToken ct)
    {
        var stage = $"backfill_stage_{width}";
        var columns = string.Concat(Enumerable.Range(0, width).Select(i => $", v{i} double precision"));
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {stage} (k bigint{columns}) ON COMMIT DELETE ROWS", connection, tx))
            await create.ExecuteNonQueryAsync(ct);
        using (var rows = new BinaryCopyRows(keys.Count, width))
        {
            for (var row = 0; row < keys.Count; row++) rows.AddRow(keys[row], values, row * width, width);
            rows.End();
            await using var copy = await connection.BeginRawBinaryCopyAsync(
                $"COPY {stage} (k{string.Concat(Enumerable.Range(0, width).Select(i => $", v{i}"))}) FROM STDIN (FORMAT BINARY)", ct);
            try
            {
                await copy.WriteAsync(rows.Written, ct);
            }
            catch
            {
                await copy.CancelAsync(); // roll the COPY back rather than complete half of it
                throw;
            }
        }
        var t = job.Targets;
        var set = string.Join(", ", t.Select((c, i) => overwrite ? $"{Quote(c)} = COALESCE(v.v{i}, d.{Quote(c)})" : $"{Quote(c)} = COALESCE(d.{Quote(c)}, v.v{i})"));
        var changes = string.Join(" OR ", t.Select((c, i) => overwrite
            ? $"(v.v{i} IS NOT NULL AND d.{Quote(c)} IS DISTINCT FROM v.v{i})"
            : $"(d.{Quote(c)} IS NULL AND v.v{i} IS NOT NULL)"));
        var key = Quote(job.Job.Target.Key);
        await using var update = new NpgsqlCommand($"UPDATE {Quote(job.Job.Target.Table)} AS d SET {set} FROM {stage} AS v "
            + $"WHERE d.{key} = v.k AND ({changes}) RETURNING d.{key}", connection, tx);
        var updated = new HashSet<long>(keys.Count);
        await using var r = await update.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) updated.Add(r.GetInt64(0));
        return updated;
    }
}
