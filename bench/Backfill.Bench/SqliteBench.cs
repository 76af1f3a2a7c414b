using System.Data.Common;
using System.Diagnostics;
using Backfill.Core.Schema;
using Backfill.OrderBook;
using Backfill.OrderBook.Schema;
using Backfill.Sqlite;
using Microsoft.Data.Sqlite;

namespace Backfill.Bench;

/// <summary>The same data in a temporary SQLite file (one transaction of prepared inserts); runs get a fresh file copy.</summary>
internal sealed class SqliteBench(BenchOptions options, TextWriter log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("backfill-bench-sqlite-").FullName;
    private int _copies;

    public string TemplatePath => Path.Combine(_dir, "template.db");

    public sealed record Generated(long Snapshots, long DerivedRows, TimeSpan Took, long FileBytes);

    public async Task<Generated> CreateTemplateAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using (var store = await SqliteStore.OpenAsync(TemplatePath, TimeProvider.System, ct))
            await store.MigrateAsync(LedgerMigrations.All.Concat(new OrderBookPack().Migrations), ct);

        var feed = new MarketFeed(options.SqliteRows, options.Seed, invalidJson: true);
        var tierA = new OrderBookPack().Jobs.Single(j => j.Name == "tier-a").Target.Columns.Select(x => x.Column).ToHashSet(StringComparer.Ordinal);
        long snapshots = 0, derived = 0;
        await using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = TemplatePath, Pooling = false }.ToString()))
        {
            await c.OpenAsync(ct);
            var derivedColumns = new List<string>();
            await using (var info = c.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{OrderBookMigrations.Derived}')";
                await using var r = await info.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    if (r.GetString(0) is not ("snapshot_id" or "snapshot_at" or "market_id") and var name) derivedColumns.Add(name);
            }
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);

            await using (var meta = Prepare(c, tx, $"INSERT INTO {OrderBookMigrations.Metadata} (market_id, event_name, competition_name, market_start_time, "
                + "home_selection_id, away_selection_id, draw_selection_id, home_runner_name, away_runner_name, draw_runner_name) VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9)", 10))
            {
                foreach (var m in feed.Markets.Where(m => m.HasMetadata))
                {
                    Set(meta, m.MarketId, m.EventName, m.Competition, m.StartUtc, m.HomeSelectionId, m.AwaySelectionId, MarketFeed.DrawSelectionId, m.HomeName, m.AwayName, "The Draw");
                    await meta.ExecuteNonQueryAsync(ct);
                }
            }

            await using var snap = Prepare(c, tx, $"INSERT INTO {OrderBookMigrations.Snapshots} (snapshot_id, market_id, snapshot_at, raw_payload, total_matched, inplay, status, source) "
                + "VALUES ($0, $1, $2, $3, $4, $5, $6, 'bench')", 7);
            await using var der = Prepare(c, tx, $"INSERT INTO {OrderBookMigrations.Derived} (snapshot_id, snapshot_at, market_id, "
                + $"{string.Join(", ", derivedColumns.Select(x => $"\"{x}\""))}) VALUES ({string.Join(", ", Enumerable.Range(0, derivedColumns.Count + 3).Select(i => $"${i}"))})",
                derivedColumns.Count + 3);
            var filler = derivedColumns.Select(name => PostgresBench.FillerOf(name, tierA)).ToArray();
            foreach (var s in feed.Snapshots())
            {
                Set(snap, s.Id, s.Market.MarketId, s.AtUtc, s.Payload, s.TotalMatched, s.Inplay, s.Status);
                await snap.ExecuteNonQueryAsync(ct);
                snapshots++;
                if (!s.HasDerived) continue;
                der.Parameters[0].Value = s.Id;
                der.Parameters[1].Value = s.AtUtc;
                der.Parameters[2].Value = s.Market.MarketId;
                for (var i = 0; i < filler.Length; i++) der.Parameters[i + 3].Value = (object?)filler[i](s) ?? DBNull.Value;
                await der.ExecuteNonQueryAsync(ct);
                derived++;
            }
            await tx.CommitAsync(ct);
            await using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        SqliteConnection.ClearAllPools();
        log.WriteLine($"  SQLite: {snapshots:N0} snapshots, {derived:N0} derived rows in {watch.Elapsed.TotalSeconds:0.0}s");
        return new Generated(snapshots, derived, watch.Elapsed, new FileInfo(TemplatePath).Length);
    }

    public string Copy()
    {
        var path = Path.Combine(_dir, $"run{++_copies}.db");
        File.Copy(TemplatePath, path);
        DiskSync.FlushAll();
        return path;
    }

    public static void Delete(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    public void Dispose()
    {
        if (options.Keep)
        {
            log.WriteLine($"  SQLite template kept (--keep): {TemplatePath}");
            return;
        }
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, int parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < parameters; i++) cmd.Parameters.Add(new SqliteParameter($"${i}", DBNull.Value));
        cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
