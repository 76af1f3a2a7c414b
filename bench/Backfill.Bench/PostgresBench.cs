using System.Diagnostics;
using Backfill.Core.Schema;
using Backfill.OrderBook;
using Backfill.OrderBook.Schema;
using Backfill.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Backfill.Bench;

/// <summary>
/// Builds generated template databases on a PostgreSQL server (one per payload variant and size), then hands out
/// fresh copies of them (CREATE DATABASE ... TEMPLATE, file copy) so every timed run starts from the same state.
/// </summary>
internal sealed class PostgresBench(string adminConnectionString, BenchOptions options, TextWriter log) : IAsyncDisposable
{
    private readonly string _prefix = $"bench_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
    private readonly List<string> _created = [];
    private readonly HashSet<string> _templates = [];
    private int _copies;

    /// <summary>How long each CREATE DATABASE ... TEMPLATE took.</summary>
    public List<TimeSpan> CopyTimes { get; } = [];

    public sealed record Generated(string Template, string Payload, long Snapshots, long DerivedRows, int Markets, int MarketsWithMetadata,
        double AvgPayloadBytes, double ServerTextBytes, long MaxKey, TimeSpan GenerateAndCopy, TimeSpan Vacuum, long DatabaseBytes,
        long SnapshotTableBytes, long DerivedTableBytes, IReadOnlyList<long> InvalidPayloadIds);

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public async Task<string> ServerVersionAsync(CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(ConnectionStringFor(new NpgsqlConnectionStringBuilder(adminConnectionString).Database ?? "postgres"));
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT version()", c);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyDictionary<string, string>> SettingsAsync(CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(ConnectionStringFor(new NpgsqlConnectionStringBuilder(adminConnectionString).Database ?? "postgres"));
        await c.OpenAsync(ct);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "shared_buffers", "work_mem", "fsync", "synchronous_commit", "full_page_writes", "max_wal_size", "jit" })
        {
            await using var cmd = new NpgsqlCommand($"SHOW {name}", c);
            result[name] = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        return result;
    }

    /// <param name="payload">Declared type of raw_payload: jsonb (as the migrations create it) or text.</param>
    public async Task<Generated> CreateTemplateAsync(string payload, int rows, CancellationToken ct)
    {
        var template = $"{_prefix}_{payload}_{rows}";
        await AdminAsync($"CREATE DATABASE \"{template}\"", ct);
        _created.Add(template);
        _templates.Add(template);
        var cs = ConnectionStringFor(template);

        await using (var store = await PostgresStore.OpenAsync(cs, TimeProvider.System, ct))
            await store.MigrateAsync(LedgerMigrations.All.Concat(new OrderBookPack().Migrations), ct);

        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(ct);
        if (payload == "text")
            await ExecAsync(c, $"ALTER TABLE {OrderBookMigrations.Snapshots} ALTER COLUMN raw_payload TYPE text", ct);
        var payloadType = await ScalarAsync<string>(c,
            $"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{OrderBookMigrations.Snapshots}'::regclass AND attname = 'raw_payload'", ct);
        var payloadDbType = payloadType switch
        {
            "jsonb" => NpgsqlDbType.Jsonb,
            "json" => NpgsqlDbType.Json,
            _ => NpgsqlDbType.Text,
        };

        var derivedColumns = await DerivedMetricColumnsAsync(c, ct);
        var tierA = new OrderBookPack().Jobs.Single(j => j.Name == "tier-a").Target.Columns.Select(x => x.Column).ToHashSet(StringComparer.Ordinal);
        var missingTierA = tierA.Where(t => !derivedColumns.Contains(t)).ToList();
        if (missingTierA.Count > 0) throw new InvalidOperationException($"derived table lacks tier-a columns {string.Join(", ", missingTierA)}");

        var feed = new MarketFeed(rows, options.Seed, invalidJson: payloadDbType == NpgsqlDbType.Text);
        var logEvery = Math.Max(200_000, rows / 10);
        var watch = Stopwatch.StartNew();

        // Metadata of the markets (a few have none, as when the catalogue was never fetched).
        await using (var meta = await c.BeginBinaryImportAsync(
            $"COPY {OrderBookMigrations.Metadata} (market_id, event_name, competition_name, market_start_time, home_selection_id, away_selection_id, "
            + "draw_selection_id, home_runner_name, away_runner_name, draw_runner_name) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var m in feed.Markets.Where(m => m.HasMetadata))
            {
                meta.StartRow();
                meta.Write(m.MarketId, NpgsqlDbType.Text);
                meta.Write(m.EventName, NpgsqlDbType.Text);
                meta.Write(m.Competition, NpgsqlDbType.Text);
                meta.Write(m.StartUtc, NpgsqlDbType.TimestampTz);
                meta.Write(m.HomeSelectionId, NpgsqlDbType.Bigint);
                meta.Write(m.AwaySelectionId, NpgsqlDbType.Bigint);
                meta.Write(MarketFeed.DrawSelectionId, NpgsqlDbType.Bigint);
                meta.Write(m.HomeName, NpgsqlDbType.Text);
                meta.Write(m.AwayName, NpgsqlDbType.Text);
                meta.Write("The Draw", NpgsqlDbType.Text);
            }
            await meta.CompleteAsync(ct);
        }

        // Snapshots and derived rows stream side by side on two connections (two server backends, one generator).
        // The derived table's foreign key would reject rows whose snapshot is not committed yet, so it is
        // dropped for the load and validated again afterwards. Rows are written with the synchronous Write calls:
        // per-field WriteAsync was 5x slower here (Npgsql 10).
        var fk = await ScalarAsync<string>(c,
            $"SELECT conname FROM pg_constraint WHERE conrelid = '{OrderBookMigrations.Derived}'::regclass AND contype = 'f' LIMIT 1", ct);
        var fkDef = fk is null ? null : await ScalarAsync<string>(c, $"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '{fk}'", ct);
        if (fk is not null) await ExecAsync(c, $"ALTER TABLE {OrderBookMigrations.Derived} DROP CONSTRAINT \"{fk}\"", ct);

        await using var c2 = new NpgsqlConnection(cs);
        await c2.OpenAsync(ct);
        long snapshots = 0, derived = 0, payloadBytes = 0, payloads = 0;
        var invalid = new List<long>();
        await using (var snap = await c.BeginBinaryImportAsync(
            $"COPY {OrderBookMigrations.Snapshots} (snapshot_id, market_id, snapshot_at, raw_payload, total_matched, inplay, status, source) FROM STDIN (FORMAT BINARY)", ct))
        await using (var der = await c2.BeginBinaryImportAsync(
            $"COPY {OrderBookMigrations.Derived} (snapshot_id, snapshot_at, market_id, {string.Join(", ", derivedColumns.Select(x => $"\"{x}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            var filler = derivedColumns.Select(name => FillerOf(name, tierA)).ToArray();
            foreach (var s in feed.Snapshots())
            {
                snap.StartRow();
                snap.Write(s.Id, NpgsqlDbType.Bigint);
                snap.Write(s.Market.MarketId, NpgsqlDbType.Text);
                snap.Write(s.AtUtc, NpgsqlDbType.TimestampTz);
                if (s.Payload is null) snap.WriteNull();
                else
                {
                    snap.Write(s.Payload, payloadDbType);
                    payloadBytes += s.Payload.Length; // ASCII: chars = bytes
                    payloads++;
                    if (s.Truncated) invalid.Add(s.Id);
                }
                snap.Write(s.TotalMatched, NpgsqlDbType.Double);
                snap.Write(s.Inplay, NpgsqlDbType.Boolean);
                snap.Write(s.Status, NpgsqlDbType.Text);
                snap.Write("bench", NpgsqlDbType.Text);
                snapshots++;

                if (s.HasDerived)
                {
                    der.StartRow();
                    der.Write(s.Id, NpgsqlDbType.Bigint);
                    der.Write(s.AtUtc, NpgsqlDbType.TimestampTz);
                    der.Write(s.Market.MarketId, NpgsqlDbType.Text);
                    for (var i = 0; i < filler.Length; i++)
                    {
                        if (filler[i](s) is { } v) der.Write(v, NpgsqlDbType.Double);
                        else der.WriteNull();
                    }
                    derived++;
                }
                if (snapshots % logEvery == 0) log.WriteLine($"  generated {snapshots:N0} snapshots ({watch.Elapsed.TotalSeconds:0.0}s)");
            }
            await snap.CompleteAsync(ct);
            await der.CompleteAsync(ct);
        }
        if (fk is not null) await ExecAsync(c, $"ALTER TABLE {OrderBookMigrations.Derived} ADD CONSTRAINT \"{fk}\" {fkDef}", ct);
        await ExecAsync(c, $"SELECT setval(pg_get_serial_sequence('{OrderBookMigrations.Snapshots}', 'snapshot_id'), {snapshots})", ct);
        var generate = watch.Elapsed;

        // A table that has been live for a while is vacuumed and analysed; a fresh COPY is not.
        watch.Restart();
        await ExecAsync(c, "VACUUM (FREEZE, ANALYZE)", ct, timeoutSeconds: 0);
        await ExecAsync(c, "CHECKPOINT", ct);
        var vacuum = watch.Elapsed;

        var dbBytes = await ScalarAsync<long>(c, "SELECT pg_database_size(current_database())", ct);
        // What a reader of raw_payload::text receives (jsonb renders with spaces after ':' and ','), on a sample.
        var serverText = await ScalarAsync<decimal?>(c,
            $"SELECT avg(octet_length(raw_payload::text)) FROM {OrderBookMigrations.Snapshots} TABLESAMPLE SYSTEM (1) WHERE raw_payload IS NOT NULL", ct);
        var snapBytes = await ScalarAsync<long>(c, $"SELECT pg_total_relation_size('{OrderBookMigrations.Snapshots}')", ct);
        var derBytes = await ScalarAsync<long>(c, $"SELECT pg_total_relation_size('{OrderBookMigrations.Derived}')", ct);
        return new Generated(template, payload, snapshots, derived, feed.Markets.Count, feed.Markets.Count(m => m.HasMetadata),
            payloads == 0 ? 0 : (double)payloadBytes / payloads, (double)(serverText ?? 0), snapshots, generate, vacuum, dbBytes, snapBytes, derBytes, invalid);
    }

    /// <summary>A fresh database identical to the template; returns its connection string and the time the copy took.</summary>
    public async Task<(string Name, string ConnectionString, TimeSpan Took)> CopyAsync(string template, CancellationToken ct)
    {
        var name = $"{_prefix}_run{++_copies}";
        var watch = Stopwatch.StartNew();
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY", ct);
        DiskSync.FlushAll();
        CopyTimes.Add(watch.Elapsed);
        _created.Add(name);
        return (name, ConnectionStringFor(name), watch.Elapsed);
    }

    public async Task DropAsync(string name, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        _created.Remove(name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _created.ToList())
        {
            if (options.Keep && _templates.Contains(name))
            {
                log.WriteLine($"  kept database {name}: {ConnectionStringFor(name)}");
                continue;
            }
            try { await DropAsync(name, CancellationToken.None); }
            catch (NpgsqlException e) { log.WriteLine($"  could not drop {name}: {e.Message}"); }
        }
    }

    /// <summary>Metric columns of the derived table in table order (everything but the key and the carried columns).</summary>
    private static async Task<List<string>> DerivedMetricColumnsAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT attname FROM pg_attribute WHERE attrelid = '{OrderBookMigrations.Derived}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", c);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct))
        {
            var name = r.GetString(0);
            if (name is not ("snapshot_id" or "snapshot_at" or "market_id")) list.Add(name);
        }
        return list;
    }

    /// <summary>
    /// Values of the derived row as live ingestion left it: the tier-a columns NULL (that is what the job fills);
    /// best prices and spread from the book; every other metric a plausible number, so rows have their real width.
    /// </summary>
    internal static Func<MarketFeed.Snapshot, double?> FillerOf(string column, IReadOnlySet<string> tierA)
    {
        if (tierA.Contains(column)) return _ => null;
        var role = column.StartsWith("home_", StringComparison.Ordinal) ? 0
            : column.StartsWith("away_", StringComparison.Ordinal) ? 1
            : column.StartsWith("draw_", StringComparison.Ordinal) ? 2 : -1;
        var metric = role < 0 ? column : column[5..];
        var salt = (uint)column.GetHashCode(StringComparison.Ordinal);
        return metric switch
        {
            "best_back" => s => s.BestBack[role],
            "best_lay" => s => s.BestLay[role],
            "spread" => s => Math.Round(s.BestLay[role] - s.BestBack[role], 2),
            "total_volume" => s => s.TotalMatched,
            _ => s => Math.Round(1.01 + (((ulong)s.Id * 2_654_435_761UL ^ salt) % 100_000) / 100.0, 2),
        };
    }

    private async Task AdminAsync(string sql, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        await ExecAsync(c, sql, ct, timeoutSeconds: 0);
    }

    internal static async Task ExecAsync(NpgsqlConnection c, string sql, CancellationToken ct, int timeoutSeconds = 600)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = timeoutSeconds };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<T?> ScalarAsync<T>(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is null or DBNull ? default : (T)v;
    }
}
