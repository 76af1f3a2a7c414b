using System.Globalization;
using Backfill.Core.Sql;
using Backfill.OrderBook.Schema;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Testing.Behaviour;

/// <summary>Writes and reads the order-book tables of a test database with explicit values.</summary>
public sealed class OrderBookData(SqlStore store)
{
    /// <summary>Time of snapshot 1; fixtures put snapshot n at T0 + (n - 1) minutes.</summary>
    public static readonly DateTime T0 = new(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc);

    public const string Market = "1.100";
    public const string MarketWithoutMetadata = "1.200";

    public static DateTime At(long snapshotId) => T0.AddMinutes(snapshotId - 1);

    public async Task AddMarketAsync(string marketId, CancellationToken ct) =>
        await store.ExecuteAsync($"INSERT INTO {Quote(OrderBookMigrations.Metadata)} (market_id, event_name, home_selection_id, away_selection_id, draw_selection_id) "
            + "VALUES (@m, @e, @h, @a, @d)", ct,
            ("@m", marketId), ("@e", "Home FC v Away FC"), ("@h", Books.Home), ("@a", Books.Away), ("@d", Books.Draw));

    /// <summary>A snapshot at <see cref="At"/>(id); the payload goes in as text, cast where the column is json/jsonb.</summary>
    public async Task AddSnapshotAsync(long id, string marketId, string? payload, CancellationToken ct)
    {
        var types = await store.Dialect.ColumnTypesAsync(store.Connection, OrderBookMigrations.Snapshots, ct);
        await store.ExecuteAsync($"INSERT INTO {Quote(OrderBookMigrations.Snapshots)} (snapshot_id, market_id, snapshot_at, raw_payload) "
            + $"VALUES (@id, @m, @t, {store.Dialect.ParameterAs("@p", types.GetValueOrDefault("raw_payload"))})", ct,
            ("@id", id), ("@m", marketId), ("@t", At(id)), ("@p", payload));
    }

    /// <summary>A derived row with every metric NULL except the given ones.</summary>
    public async Task AddDerivedAsync(long id, string marketId, CancellationToken ct, params (string Column, double? Value)[] values)
    {
        var columns = new[] { "snapshot_id", "snapshot_at", "market_id" }.Concat(values.Select(v => v.Column)).ToList();
        var parameters = new List<(string, object?)> { ("@p0", id), ("@p1", At(id)), ("@p2", marketId) };
        parameters.AddRange(values.Select((v, i) => ($"@p{i + 3}", (object?)v.Value)));
        await store.ExecuteAsync($"INSERT INTO {Quote(OrderBookMigrations.Derived)} ({string.Join(", ", columns.Select(Quote))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", ct, parameters.ToArray());
    }

    /// <summary>Snapshot plus a derived row whose metrics are all NULL: the common backfill candidate.</summary>
    public async Task AddCandidateAsync(long id, string marketId, string? payload, CancellationToken ct)
    {
        await AddSnapshotAsync(id, marketId, payload, ct);
        await AddDerivedAsync(id, marketId, ct);
    }

    public async Task SetAsync(long id, string column, double? value, CancellationToken ct) =>
        await store.ExecuteAsync($"UPDATE {Quote(OrderBookMigrations.Derived)} SET {Quote(column)} = @v WHERE snapshot_id = @id", ct, ("@v", value), ("@id", id));

    /// <summary>A derived value; null when it is NULL or the derived row does not exist.</summary>
    public async Task<double?> ValueAsync(long id, string column, CancellationToken ct) =>
        await store.ScalarAsync($"SELECT {Quote(column)} FROM {Quote(OrderBookMigrations.Derived)} WHERE snapshot_id = @id", ct, ("@id", id))
            is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    public async Task<bool> HasDerivedRowAsync(long id, CancellationToken ct) =>
        Convert.ToInt64(await store.ScalarAsync($"SELECT count(*) FROM {Quote(OrderBookMigrations.Derived)} WHERE snapshot_id = @id", ct, ("@id", id))) == 1;

    public async Task<long> CountAsync(string table, CancellationToken ct) =>
        Convert.ToInt64(await store.ScalarAsync($"SELECT count(*) FROM {Quote(table)}", ct));
}
