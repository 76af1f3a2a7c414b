using System.Diagnostics;
using Backfill.OrderBook.Schema;
using Npgsql;

namespace Backfill.Bench;

/// <summary>
/// Work done inside PostgreSQL, timed from one connection whose backend CPU is read from /proc:
/// the hand-written set-based UPDATE a user would write instead of Backfill (the six L1 size columns with jsonb
/// operators), and the hardware reference (the payloads streamed out with a bare COPY; an UPDATE that only writes
/// the target columns, with no JSON work at all).
/// </summary>
internal static class ServerSql
{
    public sealed record Result(string Name, string Payload, long Rows, long Affected, TimeSpan Wall, TimeSpan? ServerCpu, long Bytes,
        int Statements, double LoadBefore, double LoadAfter, string Sql)
    {
        public double RowsPerSecond => Rows / Wall.TotalSeconds;
    }

    private static readonly string[] Roles = ["home", "away", "draw"];

    /// <summary>
    /// The hand-written alternative: one UPDATE per key range; each snapshot's runners are unnested with
    /// jsonb_array_elements, matched to the roles through market_event_metadata, and the first level's size read with
    /// ->; only NULL columns are filled (COALESCE, and rows already complete are left alone). Text payloads are cast to
    /// jsonb once per row, and one invalid payload would abort the whole statement, so for text there are two forms:
    /// <list type="bullet">
    /// <item><c>guarded</c>: what a user has to write without knowing where the bad rows are: on PostgreSQL 16+
    /// <c>pg_input_is_valid</c>; before that, a PL/pgSQL function with an EXCEPTION block that returns NULL for invalid
    /// JSON (a subtransaction per row);</item>
    /// <item><c>pre-filtered</c>: the best case, the invalid payloads' keys already known (the generator's list, put in a
    /// table before the clock starts) and excluded with an anti-join; the plain cast for every other row.</item>
    /// </list>
    /// </summary>
    public static async Task<Result> HandWrittenL1Async(string cs, PostgresBench.Generated set, bool preFiltered, int chunk, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(ct);
        var version = await PostgresBench.ScalarAsync<int>(c, "SELECT current_setting('server_version_num')::int", ct);
        string doc, guard = "", form;
        if (set.Payload == "jsonb")
        {
            doc = "s.raw_payload";
            form = "";
        }
        else if (preFiltered)
        {
            await PostgresBench.ExecAsync(c, "CREATE TABLE bench_invalid_payload (snapshot_id bigint PRIMARY KEY)", ct);
            await using (var cmd = new NpgsqlCommand("INSERT INTO bench_invalid_payload SELECT unnest($1::bigint[])", c))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = set.InvalidPayloadIds.ToArray() });
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await PostgresBench.ExecAsync(c, "ANALYZE bench_invalid_payload", ct);
            doc = "s.raw_payload::jsonb";
            guard = " AND NOT EXISTS (SELECT 1 FROM bench_invalid_payload b WHERE b.snapshot_id = s.snapshot_id)";
            form = ", text cast, invalid payloads excluded beforehand";
        }
        else if (version >= 160000)
        {
            doc = "s.raw_payload::jsonb";
            guard = " AND pg_input_is_valid(s.raw_payload, 'jsonb')";
            form = ", text cast guarded by pg_input_is_valid";
        }
        else
        {
            await PostgresBench.ExecAsync(c, """
                CREATE OR REPLACE FUNCTION bench_try_jsonb(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN RETURN t::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$
                """, ct);
            doc = "bench_try_jsonb(s.raw_payload)";
            form = ", text cast guarded by a NULL-on-error PL/pgSQL function";
        }
        var cols = Roles.SelectMany(r => new[] { ($"{r}_best_back_size_l1", r, "availableToBack"), ($"{r}_best_lay_size_l1", r, "availableToLay") }).ToList();
        var sql =
            $"UPDATE {OrderBookMigrations.Derived} d SET\n  "
            + string.Join(",\n  ", cols.Select(x => $"{x.Item1} = COALESCE(d.{x.Item1}, x.{x.Item1})"))
            + "\nFROM (\n  SELECT s.snapshot_id,\n    "
            + string.Join(",\n    ", cols.Select(x =>
                $"max((r->'ex'->'{x.Item3}'->0->>'size')::float8) FILTER (WHERE (r->>'selectionId')::bigint = m.{x.Item2}_selection_id) AS {x.Item1}"))
            + $"\n  FROM {OrderBookMigrations.Snapshots} s\n  JOIN {OrderBookMigrations.Metadata} m ON m.market_id = s.market_id\n"
            + $"  CROSS JOIN LATERAL jsonb_array_elements({doc}->'runners') r\n"
            + $"  WHERE s.snapshot_id > $1 AND s.snapshot_id <= $2{guard}\n  GROUP BY s.snapshot_id\n) x\n"
            + "WHERE d.snapshot_id = x.snapshot_id AND d.snapshot_id > $1 AND d.snapshot_id <= $2\n  AND ("
            + string.Join(" OR ", cols.Select(x => $"d.{x.Item1} IS NULL")) + ")";
        return await ChunkedAsync(c, $"hand-written SQL UPDATE (6 L1 columns{form})", set.Payload, set.Snapshots, set.MaxKey, chunk, sql, ct);
    }

    /// <summary>
    /// Write floor: an UPDATE of the given target columns from other columns of the same row (no payload read, no JSON),
    /// by key range. The columns go from NULL to a value, so rows grow as in a real backfill.
    /// </summary>
    public static async Task<Result> WriteFloorAsync(string cs, string name, IReadOnlyList<string> targets, long rows, long maxKey, int chunk,
        int connections, CancellationToken ct)
    {
        // Each target takes the value of a filled column of the same role (best_back), so the source is never NULL.
        var sets = targets.Select(t => $"{t} = {t[..5]}best_back");
        var sql = $"UPDATE {OrderBookMigrations.Derived} SET {string.Join(", ", sets)} WHERE snapshot_id > $1 AND snapshot_id <= $2";
        return await SharedAsync(cs, Label(name, connections), "–", rows, maxKey, connections, sql,
            (c, lo, hi) => ChunksAsync(c, sql, lo, hi, chunk, ct), ct);
    }

    /// <summary>
    /// Read floor: every payload streamed to this process with a bare binary COPY (the server renders jsonb as text) and
    /// discarded; with several connections each copies its share of the key range at the same time.
    /// </summary>
    public static async Task<Result> CopyOutAsync(string cs, string payload, long rows, long maxKey, int connections, CancellationToken ct)
    {
        var sql = $"COPY (SELECT snapshot_id, raw_payload FROM {OrderBookMigrations.Snapshots} WHERE snapshot_id > {{0}} AND snapshot_id <= {{1}}) TO STDOUT (FORMAT BINARY)";
        return await SharedAsync(cs, Label("bare COPY out of (snapshot_id, raw_payload)", connections), payload, rows, maxKey, connections, sql,
            async (c, lo, hi) =>
            {
                long bytes = 0;
                await using var stream = await c.BeginRawBinaryCopyAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, lo, hi), ct);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await stream.ReadAsync(buffer, ct)) > 0) bytes += n;
                return (hi - lo, bytes, 1);
            }, ct);
    }

    private static string Label(string name, int connections) => connections == 1 ? name : $"{name}, {connections} connections in parallel";

    private static async Task<Result> ChunkedAsync(NpgsqlConnection c, string name, string payload, long rows, long maxKey, int chunk, string sql, CancellationToken ct)
    {
        var backend = await PostgresBench.ScalarAsync<int>(c, "SELECT pg_backend_pid()", ct);
        var loadBefore = EngineProcess.LoadAverage();
        var cpuBefore = EngineProcess.CpuTicks(backend);
        var watch = Stopwatch.StartNew();
        var (affected, _, statements) = await ChunksAsync(c, sql, 0, maxKey, chunk, ct);
        var wall = watch.Elapsed;
        return new Result(name, payload, rows, affected, wall, Cpu(backend, cpuBefore), 0, statements, loadBefore, EngineProcess.LoadAverage(), sql);
    }

    /// <summary>The statement over (lo, hi] in key ranges of <paramref name="chunk"/>, one after the other.</summary>
    private static async Task<(long Affected, long Bytes, int Statements)> ChunksAsync(NpgsqlConnection c, string sql, long lo, long hi, int chunk, CancellationToken ct)
    {
        long affected = 0;
        var statements = 0;
        for (var from = lo; from < hi; from += chunk)
        {
            await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
            cmd.Parameters.Add(new NpgsqlParameter { Value = from });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Math.Min(hi, from + chunk) });
            affected += await cmd.ExecuteNonQueryAsync(ct);
            statements++;
        }
        return (affected, 0, statements);
    }

    /// <summary>The key range (0, maxKey] split in equal shares, one per connection, all run at the same time; wall time until the last ends.</summary>
    private static async Task<Result> SharedAsync(string cs, string name, string payload, long rows, long maxKey, int connections, string sql,
        Func<NpgsqlConnection, long, long, Task<(long Affected, long Bytes, int Statements)>> work, CancellationToken ct)
    {
        var conns = new List<NpgsqlConnection>();
        try
        {
            var backends = new List<int>();
            for (var i = 0; i < connections; i++)
            {
                var c = new NpgsqlConnection(cs);
                conns.Add(c);
                await c.OpenAsync(ct);
                backends.Add(await PostgresBench.ScalarAsync<int>(c, "SELECT pg_backend_pid()", ct));
            }
            var loadBefore = EngineProcess.LoadAverage();
            var cpuBefore = backends.Select(EngineProcess.CpuTicks).ToList();
            var watch = Stopwatch.StartNew();
            var share = (maxKey + connections - 1) / connections;
            var results = await Task.WhenAll(conns.Select((c, i) => Task.Run(() => work(c, i * share, Math.Min(maxKey, (i + 1) * share)), ct)));
            var wall = watch.Elapsed;
            var cpus = backends.Select((b, i) => Cpu(b, cpuBefore[i])).ToList();
            return new Result(name, payload, rows, results.Sum(r => r.Affected), wall,
                cpus.All(x => x is not null) ? cpus.Aggregate(TimeSpan.Zero, (a, x) => a + x!.Value) : null,
                results.Sum(r => r.Bytes), results.Sum(r => r.Statements), loadBefore, EngineProcess.LoadAverage(), sql);
        }
        finally
        {
            foreach (var c in conns) await c.DisposeAsync();
        }
    }

    private static TimeSpan? Cpu(int backend, long? before) =>
        before is { } b && EngineProcess.CpuTicks(backend) is { } a ? TimeSpan.FromSeconds((a - b) / 100.0) : null;

    /// <summary>
    /// Compares the six L1 columns of two databases on a sample of keys (the hand-written UPDATE's result against
    /// Backfill's l1-sizes on the same data): how many rows differ, beyond 1e-9.
    /// </summary>
    public static async Task<(int Compared, int Different, string? Example)> CompareL1Async(string csA, string csB, long maxKey, int sample, CancellationToken ct)
    {
        var cols = Roles.SelectMany(r => new[] { $"{r}_best_back_size_l1", $"{r}_best_lay_size_l1" }).ToList();
        var step = Math.Max(1, maxKey / sample);
        var sql = $"SELECT snapshot_id, {string.Join(", ", cols)} FROM {OrderBookMigrations.Derived} WHERE snapshot_id % {step} = 0 ORDER BY snapshot_id";
        async Task<Dictionary<long, double?[]>> Read(string cs)
        {
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var map = new Dictionary<long, double?[]>();
            while (await r.ReadAsync(ct))
                map[r.GetInt64(0)] = Enumerable.Range(1, cols.Count).Select(i => r.IsDBNull(i) ? (double?)null : r.GetDouble(i)).ToArray();
            return map;
        }
        var (a, b) = (await Read(csA), await Read(csB));
        int compared = 0, different = 0;
        string? example = null;
        foreach (var (key, va) in a)
        {
            if (!b.TryGetValue(key, out var vb)) continue;
            compared++;
            var same = true;
            for (var i = 0; i < cols.Count; i++)
                if (va[i] is null != vb[i] is null || (va[i] is { } x && vb[i] is { } y && Math.Abs(x - y) > 1e-9)) same = false;
            if (same) continue;
            different++;
            example ??= $"snapshot {key}: hand SQL [{string.Join(", ", va.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"))}] vs "
                + $"l1-sizes [{string.Join(", ", vb.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"))}]";
        }
        return (compared, different, example);
    }
}
