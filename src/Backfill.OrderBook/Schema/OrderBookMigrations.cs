using Backfill.Core.Schema;

namespace Backfill.OrderBook.Schema;

/// <summary>
/// The order-book schema under the seeds' names, so existing databases work unchanged. Metric
/// columns arrive in the same steps the original platform added them (seed 001 added 18 at once).
/// </summary>
public static class OrderBookMigrations
{
    public const string Metadata = "market_event_metadata";
    public const string Snapshots = "market_book_snapshots";
    public const string Derived = "market_derived_metrics";

    private static readonly string[] Roles = ["home", "away", "draw"];

    public static IReadOnlyList<Migration> All { get; } =
    [
        new("orderbook-0001", "order-book tables: metadata, snapshots, derived metrics (prices, spread, levels 2-3, risk, volume)",
        [
            new CreateTable(Metadata,
            [
                new("market_id", ColumnType.Text, NotNull: true),
                new("event_name", ColumnType.Text),
                new("competition_name", ColumnType.Text),
                new("market_start_time", ColumnType.Timestamp),
                new("home_selection_id", ColumnType.BigInt),
                new("away_selection_id", ColumnType.BigInt),
                new("draw_selection_id", ColumnType.BigInt),
                new("home_runner_name", ColumnType.Text),
                new("away_runner_name", ColumnType.Text),
                new("draw_runner_name", ColumnType.Text),
            ], ["market_id"]),
            new CreateTable(Snapshots,
            [
                new("snapshot_id", ColumnType.Identity, NotNull: true),
                new("market_id", ColumnType.Text, NotNull: true),
                new("snapshot_at", ColumnType.Timestamp, NotNull: true),
                new("raw_payload", ColumnType.Json),
                new("total_matched", ColumnType.Double),
                new("inplay", ColumnType.Boolean),
                new("status", ColumnType.Text),
                new("source", ColumnType.Text),
            ], ["snapshot_id"]),
            new CreateIndex("ix_market_book_snapshots_market_time", Snapshots, ["market_id", "snapshot_at"]),
            new CreateTable(Derived,
            [
                new("snapshot_id", ColumnType.BigInt, NotNull: true, References: $"{Snapshots}.snapshot_id"),
                new("snapshot_at", ColumnType.Timestamp),
                new("market_id", ColumnType.Text),
                .. PerRole("best_back", "best_lay", "spread", "back_odds_l2", "back_size_l2", "back_odds_l3", "back_size_l3", "risk"),
                new("total_volume", ColumnType.Double),
                new("back_book_pct", ColumnType.Double),
                new("lay_book_pct", ColumnType.Double),
            ], ["snapshot_id"]),
            new CreateIndex("ix_market_derived_metrics_market_time", Derived, ["market_id", "snapshot_at"]),
        ]),
        new("orderbook-0002", "impedance inputs: back/lay stake and VWAP odds over levels 1-4, impedance (seed 001)",
            [new AddColumns(Derived, PerRole("back_stake", "back_odds", "lay_stake", "lay_odds", "impedance", "impedance_norm"))]),
        new("orderbook-0003", "level-1 sizes (seed 001, seed 002)",
            [new AddColumns(Derived, PerRole("best_back_size_l1", "best_lay_size_l1"))]),
        new("orderbook-0004", "book risk L3 (seed 000)",
            [new AddColumns(Derived, PerRole("book_risk_l3"))]),
        new("orderbook-0005", "spread in ticks of the Betfair price ladder",
            [new AddColumns(Derived, PerRole("spread_ticks"))]),
        new("orderbook-0006", "index on snapshot time: the newest snapshot (audit's recent window) and --from/--to without a scan",
            [new CreateIndex("ix_market_book_snapshots_time", Snapshots, ["snapshot_at"])]),
    ];

    private static ColumnDef[] PerRole(params string[] metrics) =>
        Roles.SelectMany(r => metrics.Select(m => new ColumnDef($"{r}_{m}", ColumnType.Double))).ToArray();
}
