namespace Backfill.Core.Schema;

/// <summary>The engine's own bookkeeping tables: runs, batches (with the checkpoint) and row errors.</summary>
public static class LedgerMigrations
{
    public const string Runs = "backfill_runs";
    public const string Batches = "backfill_batches";
    public const string RowErrors = "backfill_row_errors";
    public const string Slots = "backfill_slots";
    public const string GateResults = "backfill_gate_results";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new("core-0001", "engine ledger: runs, batches, row errors",
        [
            new CreateTable(Runs,
            [
                new("run_id", ColumnType.Identity, NotNull: true),
                new("job", ColumnType.Text, NotNull: true),
                new("state", ColumnType.Text, NotNull: true),
                new("started_at", ColumnType.Timestamp, NotNull: true),
                new("finished_at", ColumnType.Timestamp),
                new("heartbeat_at", ColumnType.Timestamp),
                new("options", ColumnType.Text, NotNull: true),
                new("min_key", ColumnType.BigInt),
                new("max_key", ColumnType.BigInt),
                new("checkpoint_key", ColumnType.BigInt),
                new("candidates_at_start", ColumnType.BigInt),
                new("processed", ColumnType.BigInt, NotNull: true),
                new("updated", ColumnType.BigInt, NotNull: true),
                new("inserted", ColumnType.BigInt, NotNull: true),
                new("skipped", ColumnType.BigInt, NotNull: true),
                new("errors", ColumnType.BigInt, NotNull: true),
                new("batches", ColumnType.BigInt, NotNull: true),
                new("reasons", ColumnType.Text, NotNull: true),
                new("nulls_before", ColumnType.Text),
                new("nulls_after", ColumnType.Text),
                new("message", ColumnType.Text),
            ], ["run_id"]),
            new CreateIndex("ix_backfill_runs_job", Runs, ["job", "run_id"]),
            new CreateTable(Batches,
            [
                new("run_id", ColumnType.BigInt, NotNull: true),
                new("batch_no", ColumnType.BigInt, NotNull: true),
                new("first_key", ColumnType.BigInt, NotNull: true),
                new("last_key", ColumnType.BigInt, NotNull: true),
                new("rows", ColumnType.BigInt, NotNull: true),
                new("updated", ColumnType.BigInt, NotNull: true),
                new("inserted", ColumnType.BigInt, NotNull: true),
                new("skipped", ColumnType.BigInt, NotNull: true),
                new("errors", ColumnType.BigInt, NotNull: true),
                new("duration_ms", ColumnType.Double, NotNull: true),
                new("committed_at", ColumnType.Timestamp, NotNull: true),
            ], ["run_id", "batch_no"]),
            new CreateTable(RowErrors,
            [
                new("run_id", ColumnType.BigInt, NotNull: true),
                new("row_key", ColumnType.BigInt, NotNull: true),
                new("reason", ColumnType.Text, NotNull: true),
                new("message", ColumnType.Text),
            ], ["run_id", "row_key"]),
        ]),
        new("core-0002", "partitioned runs: one slot per (processor, date) and the gate verdicts",
        [
            new CreateTable(Slots,
            [
                new("run_id", ColumnType.BigInt, NotNull: true),
                new("processor", ColumnType.Text, NotNull: true),
                new("partition_date", ColumnType.Date, NotNull: true),
                new("phase", ColumnType.BigInt, NotNull: true),
                new("status", ColumnType.Text, NotNull: true),
                new("reason", ColumnType.Text),
                new("attempts", ColumnType.BigInt, NotNull: true),
                new("rows_read", ColumnType.BigInt, NotNull: true),
                new("rows_written", ColumnType.BigInt, NotNull: true),
                new("started_at", ColumnType.Timestamp),
                new("finished_at", ColumnType.Timestamp),
                new("duration_ms", ColumnType.Double),
                new("error", ColumnType.Text),
                new("missing_dependencies", ColumnType.Text),
            ], ["run_id", "processor", "partition_date"]),
            new CreateIndex("ix_backfill_slots_processor", Slots, ["processor", "status"]),
            new CreateTable(GateResults,
            [
                new("result_id", ColumnType.Identity, NotNull: true),
                new("run_id", ColumnType.BigInt, NotNull: true),
                new("gate", ColumnType.Text, NotNull: true),
                new("scope", ColumnType.Text, NotNull: true),
                new("range_from", ColumnType.Date, NotNull: true),
                new("range_to", ColumnType.Date, NotNull: true),
                new("sample", ColumnType.Boolean, NotNull: true),
                new("value", ColumnType.Double),
                new("verdict", ColumnType.Text, NotNull: true),
                new("detail", ColumnType.Text, NotNull: true),
                new("evaluated_at", ColumnType.Timestamp, NotNull: true),
            ], ["result_id"]),
            new CreateIndex("ix_backfill_gate_results_run", GateResults, ["run_id", "result_id"]),
        ]),
    ];
}
