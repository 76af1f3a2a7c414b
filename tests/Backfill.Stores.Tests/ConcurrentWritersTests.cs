using System.Globalization;
using Backfill.Core.Jobs;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.OrderBook.Schema;
using Npgsql;

namespace Backfill.Stores.Tests;

/// <summary>
/// Several writers (<c>--writers</c>) on a real PostgreSQL server: consecutive batches are written at once on
/// their own sessions, commit in key order, and leave exactly the rows and ledger of one writer.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrentWritersTests(PostgresServer server) : DemoRunTest(server, "writers")
{
    private static readonly JobSpec AllMetrics = Job("all-metrics");
    private static readonly JobSpec L1Sizes = Job("l1-sizes");

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Several_writers_leave_the_rows_and_the_ledger_of_one_writer(int writers)
    {
        var (store, _) = await SeededDatabaseAsync();
        var (twin, _) = await SeededDatabaseAsync();

        var several = await RunAsync(store, new RunRequest { Job = AllMetrics, BatchSize = 50, Writers = writers });
        var one = await RunAsync(twin, new RunRequest { Job = AllMetrics, BatchSize = 50 });

        Assert.True(one.Updated + one.Inserted > 0, "the demo data has metrics to fill");
        Assert.Equal(writers, several.Run!.Settings.WriterCount);
        Assert.Equal(await TableDump.DerivedAsync(twin, Ct), await TableDump.DerivedAsync(store, Ct));
        var (a, b) = (several.Run, one.Run!);
        Assert.Equal(RunStates.Completed, a.State);
        Assert.Equal((b.Processed, b.Updated, b.Inserted, b.Skipped, b.Errors, b.Batches, b.CheckpointKey),
                     (a.Processed, a.Updated, a.Inserted, a.Skipped, a.Errors, a.Batches, a.CheckpointKey));
        Assert.Equal(b.Reasons.OrderBy(r => r.Key), a.Reasons.OrderBy(r => r.Key));
        Assert.Equal(await BatchShapesAsync(twin, b.RunId), await BatchShapesAsync(store, a.RunId));
        Assert.Equal(
            (await twin.RowErrorsAsync(b.RunId, 1000, Ct)).Select(e => (e.RowKey, e.Reason, e.Message)),
            (await store.RowErrorsAsync(a.RunId, 1000, Ct)).Select(e => (e.RowKey, e.Reason, e.Message)));
    }

    [Fact]
    public async Task The_batch_after_one_waiting_on_a_lock_is_written_meanwhile_but_commits_only_after_it()
    {
        var (store, connectionString) = await SeededDatabaseAsync();
        var (twin, _) = await SeededDatabaseAsync();
        var reference = await RunAsync(twin, new RunRequest { Job = L1Sizes, BatchSize = 50 });
        // The first existing row the job updates, locked by another transaction: its batch waits (no lock_timeout).
        var empty = await KeysAsync(store, $"SELECT snapshot_id FROM {OrderBookMigrations.Derived} WHERE home_best_back_size_l1 IS NULL");
        var filled = await KeysAsync(twin, $"SELECT snapshot_id FROM {OrderBookMigrations.Derived} WHERE home_best_back_size_l1 IS NOT NULL");
        var locked = empty.Intersect(filled).Min();

        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync(Ct);
        await using var tx = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM {OrderBookMigrations.Derived} WHERE snapshot_id = {locked} FOR UPDATE", holder, tx))
            await lockRow.ExecuteNonQueryAsync(Ct);

        var run = Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes, BatchSize = 50, Writers = 2, LockTimeout = TimeSpan.Zero }));
        try
        {
            // One writer waits on the lock while the other has written the next batch and waits to commit after it.
            await using var watch = new NpgsqlConnection(connectionString);
            await watch.OpenAsync(Ct);
            var waiting = $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
            var written = $"SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.relation = '{OrderBookMigrations.Derived}'::regclass "
                + $"WHERE a.datname = current_database() AND a.state = 'idle in transaction' AND a.pid <> {holder.ProcessID} AND l.mode = 'RowExclusiveLock'";
            await WaitUntilAsync(async () => await CountAsync(watch, waiting) == 1 && await CountAsync(watch, written) == 1,
                "one writer waits on the locked row while the other holds its written batch");
            var checkpoint = $"SELECT coalesce(max(last_key), -1) FROM backfill_batches";
            var committedBefore = await CountAsync(watch, checkpoint);
            Assert.True(committedBefore < locked, $"nothing at or after the locked key {locked} is committed (checkpoint {committedBefore})");
            await Task.Delay(500, Ct);
            Assert.Equal(committedBefore, await CountAsync(watch, checkpoint)); // the batch after it still waits
            Assert.False(run.IsCompleted);
        }
        finally
        {
            await tx.RollbackAsync(Ct); // whatever happened: the run gets the row and finishes before the stores close
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1), Ct));
        }
        var result = await run;
        Assert.Equal(RunStates.Completed, result.Run!.State);
        Assert.Equal(await TableDump.DerivedAsync(twin, Ct), await TableDump.DerivedAsync(store, Ct));
        Assert.Equal((reference.Updated, reference.Inserted, reference.Processed), (result.Updated, result.Inserted, result.Processed));
        Assert.Equal(await BatchShapesAsync(twin, reference.Run!.RunId), await BatchShapesAsync(store, result.Run.RunId));
    }

    private static async Task<List<(long, long, long, long, long, long, long, long)>> BatchShapesAsync(SqlStore store, long runId) =>
        (await store.BatchesAsync(runId, CancellationToken.None))
            .Select(b => (b.BatchNo, b.FirstKey, b.LastKey, b.Rows, b.Updated, b.Inserted, b.Skipped, b.Errors)).ToList();

    private async Task<List<long>> KeysAsync(SqlStore store, string sql)
    {
        await using var cmd = store.Command(sql);
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var keys = new List<long>();
        while (await r.ReadAsync(Ct)) keys.Add(r.GetInt64(0));
        return keys;
    }

    private async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

}
