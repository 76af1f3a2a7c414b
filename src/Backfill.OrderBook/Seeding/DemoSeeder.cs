using System.Data.Common;
using Backfill.Core.Processing;
using Backfill.Core.Sql;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Schema;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.OrderBook.Seeding;

/// <summary>
/// Writes the demo's markets into an empty (migrated) database as a live platform would have left
/// them: snapshots with raw payloads, and derived rows computed at ingestion time, damaged the way
/// the seed runbooks found them (see <see cref="DemoDamagePlan"/>).
/// </summary>
public sealed class DemoSeeder(SqlStore store)
{
    public const string MarkerTable = "backfill_demo";

    public sealed record Seeded(int Markets, int Snapshots, int DerivedRows, int Seed);

    /// <summary>Null when the database already holds the demo (a second demo changes nothing).</summary>
    public async Task<Seeded?> SeedAsync(DemoOptions options, CancellationToken ct)
    {
        if (await store.Dialect.TableExistsAsync(store.Connection, MarkerTable, ct)) return null;
        var existing = Convert.ToInt64(await store.ScalarAsync($"SELECT count(*) FROM {OrderBookMigrations.Snapshots}", ct));
        if (existing > 0)
            throw new InvalidOperationException($"{store.Describe()} already holds {existing:N0} snapshots that are not demo data; pass --db with a new file for the demo.");

        var data = DemoMarketGenerator.Generate(options);
        await using var tx = await store.Connection.BeginTransactionAsync(ct);
        await InsertMetadataAsync(data, tx, ct);
        await InsertSnapshotsAsync(data, tx, ct);
        var derived = await InsertDerivedAsync(data, tx, ct);
        if (store.Dialect.SyncIdentitySql(OrderBookMigrations.Snapshots, "snapshot_id") is { } sync)
        {
            await using var cmd = store.Command(sync, tx);
            await cmd.ExecuteNonQueryAsync(ct); // later imports get ids after the demo's explicit ones
        }
        await using (var marker = store.Command($"CREATE TABLE {Quote(MarkerTable)} (seed INTEGER NOT NULL)", tx)) await marker.ExecuteNonQueryAsync(ct);
        await using (var seed = store.Command($"INSERT INTO {Quote(MarkerTable)} (seed) VALUES (@s)", tx, ("@s", options.Seed))) await seed.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new Seeded(data.Markets.Count(m => m.HasMetadata), data.Snapshots.Count, derived, options.Seed);
    }

    private async Task InsertMetadataAsync(DemoDataset data, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = store.Command($"INSERT INTO {OrderBookMigrations.Metadata} (market_id, event_name, competition_name, market_start_time, "
            + "home_selection_id, away_selection_id, draw_selection_id, home_runner_name, away_runner_name, draw_runner_name) "
            + "VALUES (@m, @e, @c, @t, @h, @a, @d, @hn, @an, @dn)", tx);
        foreach (var m in data.Markets.Where(m => m.HasMetadata))
        {
            cmd.Parameters.Clear();
            foreach (var (n, v) in new (string, object?)[]
            {
                ("@m", m.MarketId), ("@e", m.EventName), ("@c", m.CompetitionName), ("@t", m.MarketStartTimeUtc),
                ("@h", m.HomeSelectionId), ("@a", m.AwaySelectionId), ("@d", m.DrawSelectionId),
                ("@hn", m.HomeRunnerName), ("@an", m.AwayRunnerName), ("@dn", m.DrawRunnerName),
            }) store.AddParameter(cmd, n, v);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertSnapshotsAsync(DemoDataset data, DbTransaction tx, CancellationToken ct)
    {
        var types = await store.Dialect.ColumnTypesAsync(store.Connection, OrderBookMigrations.Snapshots, ct, tx);
        var jsonColumn = types.GetValueOrDefault("raw_payload") is "jsonb" or "json";
        await using var cmd = store.Command($"INSERT INTO {OrderBookMigrations.Snapshots} (snapshot_id, market_id, snapshot_at, raw_payload, total_matched, inplay, status, source) "
            + $"VALUES (@id, @m, @t, {store.Dialect.ParameterAs("@p", types.GetValueOrDefault("raw_payload"))}, @tm, @ip, @s, 'demo')", tx);
        foreach (var s in data.Snapshots)
        {
            cmd.Parameters.Clear();
            foreach (var (n, v) in new (string, object?)[]
            {
                ("@id", s.SnapshotId), ("@m", s.MarketId), ("@t", s.SnapshotAtUtc), ("@p", jsonColumn ? AsJsonValue(s.RawPayload) : s.RawPayload),
                ("@tm", s.TotalMatched), ("@ip", s.Inplay), ("@s", s.Status),
            }) store.AddParameter(cmd, n, v);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    // A json/jsonb column cannot hold a truncated payload; the damage there is the real-world one of a
    // payload stored double-encoded (a JSON string), which is just as unusable.
    private static string? AsJsonValue(string? payload)
    {
        if (payload is null) return null;
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(payload);
            return payload;
        }
        catch (System.Text.Json.JsonException)
        {
            return System.Text.Json.JsonSerializer.Serialize(payload);
        }
    }

    private async Task<int> InsertDerivedAsync(DemoDataset data, DbTransaction tx, CancellationToken ct)
    {
        var pack = new OrderBookPack();
        var processor = new OrderBookProcessor();
        var names = OrderBookMetrics.Names;
        var computer = processor.Bind(names);
        var tierA = pack.Jobs.Single(j => j.Name == "tier-a").Target.Columns.Select(c => OrderBookMetrics.IndexOf(c.Column)).ToHashSet();
        var bookRisk = pack.Jobs.Single(j => j.Name == "book-risk-l3").Target.Columns.Select(c => OrderBookMetrics.IndexOf(c.Column)).ToHashSet();
        var l1Back = new[] { "home", "away", "draw" }.Select(r => OrderBookMetrics.IndexOf($"{r}_best_back_size_l1")).ToHashSet();
        var roles = data.Markets.Where(m => m.HasMetadata).ToDictionary(m => m.MarketId);
        var damage = new DemoDamagePlan(data.Snapshots.Max(s => s.SnapshotAtUtc));

        var columns = new[] { "snapshot_id", "snapshot_at", "market_id" }.Concat(names).ToList();
        await using var cmd = store.Command($"INSERT INTO {OrderBookMigrations.Derived} ({string.Join(", ", columns.Select(Quote))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", tx);
        var values = new double?[names.Count];
        var reasons = new string?[names.Count];
        var inserted = 0;
        foreach (var s in data.Snapshots)
        {
            if (s.RawPayload is null || damage.DerivedRowMissing(s.SnapshotId)) continue; // the ingester never wrote these
            roles.TryGetValue(s.MarketId, out var m);
            object?[] inputs = [s.RawPayload, m?.HomeSelectionId, m?.AwaySelectionId, m?.DrawSelectionId];
            Array.Clear(values);
            var outcome = computer.Compute(inputs, values, reasons);
            if (outcome.Kind != OutcomeKind.Computed) Array.Clear(values);
            for (var i = 0; i < values.Length; i++)
            {
                if ((damage.TierAMissing(s.SnapshotAtUtc) && tierA.Contains(i))
                    || (damage.BookRiskMissing(s.SnapshotId) && bookRisk.Contains(i))
                    || (damage.L1BackMissing(s.SnapshotAtUtc) && l1Back.Contains(i)))
                    values[i] = null;
            }
            cmd.Parameters.Clear();
            store.AddParameter(cmd, "@p0", s.SnapshotId);
            store.AddParameter(cmd, "@p1", s.SnapshotAtUtc);
            store.AddParameter(cmd, "@p2", s.MarketId);
            for (var i = 0; i < values.Length; i++) store.AddParameter(cmd, $"@p{i + 3}", values[i]);
            await cmd.ExecuteNonQueryAsync(ct);
            inserted++;
        }
        return inserted;
    }
}
