using System.Data.Common;
using Backfill.Core.Sql;
using Backfill.OrderBook.Schema;

namespace Backfill.OrderBook.Import;

/// <summary>One raw snapshot to store: the MarketBook JSON exactly as received, and where it came from.</summary>
public sealed record SnapshotRow(string MarketId, DateTime SnapshotAtUtc, string Payload, double? TotalMatched, bool? InPlay, string? Status, string Source);

/// <summary>Metadata of one market; NULL fields never overwrite known ones.</summary>
public sealed record MetadataRow(string MarketId, string? EventName, string? CompetitionName, DateTime? MarketStartTimeUtc,
    long? HomeSelectionId, long? AwaySelectionId, long? DrawSelectionId, string? HomeRunnerName, string? AwayRunnerName, string? DrawRunnerName);

/// <summary>
/// Idempotent import into the order-book tables: a snapshot already stored (same market, time and
/// source) is not added again, and metadata only fills what is unknown. Re-importing a file adds nothing.
/// </summary>
public sealed class SnapshotWriter(SqlStore store)
{
    public sealed record Counts(long Added, long AlreadyPresent);

    public async Task<Counts> WriteSnapshotsAsync(IEnumerable<SnapshotRow> rows, CancellationToken ct)
    {
        var types = await store.Dialect.ColumnTypesAsync(store.Connection, OrderBookMigrations.Snapshots, ct);
        var payload = store.Dialect.ParameterAs("@p", types.GetValueOrDefault("raw_payload"));
        var sql = $"INSERT INTO {OrderBookMigrations.Snapshots} (market_id, snapshot_at, raw_payload, total_matched, inplay, status, source) "
            // Casts: in a SELECT list a NULL parameter has no type of its own on PostgreSQL.
            + $"SELECT @m, @t, {payload}, CAST(@tm AS double precision), CAST(@ip AS boolean), @s, @src WHERE NOT EXISTS "
            + $"(SELECT 1 FROM {OrderBookMigrations.Snapshots} WHERE market_id = @m AND snapshot_at = @t AND source = @src)";
        long added = 0, present = 0;
        foreach (var chunk in rows.Chunk(1000))
        {
            await using var tx = await store.Connection.BeginTransactionAsync(ct);
            await using var cmd = store.Command(sql, tx);
            foreach (var r in chunk)
            {
                Bind(cmd, ("@m", r.MarketId), ("@t", r.SnapshotAtUtc), ("@p", r.Payload), ("@tm", r.TotalMatched),
                    ("@ip", r.InPlay), ("@s", r.Status), ("@src", r.Source));
                if (await cmd.ExecuteNonQueryAsync(ct) == 1) added++;
                else present++;
            }
            await tx.CommitAsync(ct);
        }
        return new Counts(added, present);
    }

    public async Task<Counts> WriteMetadataAsync(IEnumerable<MetadataRow> rows, CancellationToken ct)
    {
        const string Columns = "market_id, event_name, competition_name, market_start_time, home_selection_id, away_selection_id, draw_selection_id, home_runner_name, away_runner_name, draw_runner_name";
        var insert = $"INSERT INTO {OrderBookMigrations.Metadata} ({Columns}) VALUES (@m, @e, @c, @t, @h, @a, @d, @hn, @an, @dn) ON CONFLICT (market_id) DO NOTHING";
        var fill = $"UPDATE {OrderBookMigrations.Metadata} SET event_name = COALESCE(event_name, @e), competition_name = COALESCE(competition_name, @c), "
            + "market_start_time = COALESCE(market_start_time, @t), home_selection_id = COALESCE(home_selection_id, @h), away_selection_id = COALESCE(away_selection_id, @a), "
            + "draw_selection_id = COALESCE(draw_selection_id, @d), home_runner_name = COALESCE(home_runner_name, @hn), away_runner_name = COALESCE(away_runner_name, @an), "
            + "draw_runner_name = COALESCE(draw_runner_name, @dn) WHERE market_id = @m";
        long added = 0, present = 0;
        await using var tx = await store.Connection.BeginTransactionAsync(ct);
        foreach (var r in rows)
        {
            (string, object?)[] values =
            [
                ("@m", r.MarketId), ("@e", r.EventName), ("@c", r.CompetitionName), ("@t", r.MarketStartTimeUtc), ("@h", r.HomeSelectionId),
                ("@a", r.AwaySelectionId), ("@d", r.DrawSelectionId), ("@hn", r.HomeRunnerName), ("@an", r.AwayRunnerName), ("@dn", r.DrawRunnerName),
            ];
            await using var cmd = store.Command(insert, tx);
            Bind(cmd, values);
            if (await cmd.ExecuteNonQueryAsync(ct) == 1) { added++; continue; }
            present++;
            await using var update = store.Command(fill, tx);
            Bind(update, values);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new Counts(added, present);
    }

    private void Bind(DbCommand cmd, params (string Name, object? Value)[] values)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in values) store.AddParameter(cmd, name, value);
    }
}
