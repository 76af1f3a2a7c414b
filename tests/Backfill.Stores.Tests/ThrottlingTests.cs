using System.Collections.Concurrent;
using System.Globalization;
using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.Core.Throttling;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Schema;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;
using Npgsql;

namespace Backfill.Stores.Tests;

/// <summary>
/// Throttling on a real PostgreSQL server: a run pauses while other sessions keep the server busy and
/// resumes when they finish, stops cleanly at critical load and resumes later, and goes on past rows
/// locked by another transaction, recording them as a failed range.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ThrottlingTests(PostgresServer server) : DemoRunTest(server, "throttling")
{
    private static readonly JobSpec L1Sizes = Job("l1-sizes");
    private static readonly string[] L1Columns =
        ["home_best_back_size_l1", "home_best_lay_size_l1", "away_best_back_size_l1", "away_best_lay_size_l1", "draw_best_back_size_l1", "draw_best_lay_size_l1"];

    [Fact]
    public async Task A_run_pauses_while_the_load_is_above_max_load_and_completes_with_the_same_rows_once_it_drops()
    {
        var (store, _) = await SeededDatabaseAsync();
        var (twin, _) = await SeededDatabaseAsync();
        var expected = await UnthrottledAsync(twin);
        var reports = new ConcurrentQueue<RunProgress>();

        var load = await LoadAsync(sessions: 3);
        var running = Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes, BatchSize = 100, MaxLoad = 1 }, new InlineProgress<RunProgress>(reports.Enqueue)));
        await WaitUntilAsync(() => !reports.IsEmpty, "the run reports a pause");
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // a few more samples while the load holds

        Assert.False(running.IsCompleted, "the run must be waiting while 3 sessions are busy");
        Assert.All(reports, r => Assert.StartsWith("load 3 > max 1 (3 active", r.Paused, StringComparison.Ordinal));
        Assert.All(reports, r => Assert.Equal(0, r.Processed));
        Assert.True(reports.Count >= 3, $"re-checked while paused: {reports.Count} reports");
        Assert.Equal(0L, await ScalarAsync(store, $"SELECT count(*) FROM {LedgerMigrations.Batches}"));
        var released = DateTime.UtcNow;
        await load.DisposeAsync();

        var result = await running;

        Assert.Equal(RunStates.Completed, result.Run!.State);
        Assert.Null(result.StoppedBy);
        Assert.Equal(1, result.Throttling!.Pauses);
        Assert.True(result.Throttling.PausedSeconds >= 1.5, $"paused {result.Throttling.PausedSeconds} s");
        Assert.StartsWith("paused 1 time", result.Run.Message, StringComparison.Ordinal);
        Assert.Contains(reports, r => r.Paused is null && r.Processed > 0);
        var batches = await store.BatchesAsync(result.Run.RunId, Ct);
        Assert.All(batches, b => Assert.True(b.CommittedAt >= released.AddMilliseconds(-1), $"batch {b.BatchNo} committed at {b.CommittedAt:O}, load released at {released:O}"));
        Assert.Equal(await TableDump.DerivedAsync(twin, Ct), await TableDump.DerivedAsync(store, Ct));
        Assert.Equal((expected.Processed, expected.Updated, expected.Inserted, expected.Skipped, expected.Errors),
            (result.Processed, result.Updated, result.Inserted, result.Skipped, result.Errors));
    }

    [Fact]
    public async Task Critical_load_stops_the_run_cleanly_at_its_checkpoint_and_resume_finishes_it_like_an_uninterrupted_run()
    {
        var (store, _) = await SeededDatabaseAsync();
        var (twin, _) = await SeededDatabaseAsync();
        var expected = await UnthrottledAsync(twin);
        IAsyncDisposable? load = null;

        // After the second batch, between two batches, the server gets busy; the next batch must not be written.
        var progress = new InlineProgress<RunProgress>(p =>
        {
            if (p.Processed < 200 || load is not null) return;
            load = LoadAsync(sessions: 3).GetAwaiter().GetResult();
            Thread.Sleep(400); // older than the sampling interval: the next check samples afresh
        });
        var stopped = await Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes, BatchSize = 100, MaxLoad = 1, CriticalLoad = 2 }, progress));

        Assert.NotNull(load);
        Assert.StartsWith("critical load 3 > 2 (3 active", stopped.StoppedBy, StringComparison.Ordinal);
        var run = stopped.Run!;
        Assert.Equal(RunStates.Interrupted, run.State);
        Assert.StartsWith("stopped: critical load 3 > 2", run.Message, StringComparison.Ordinal);
        Assert.Contains("--resume", run.Message, StringComparison.Ordinal);
        Assert.Equal((200L, 2L), (run.Processed, run.Batches));
        var batches = await store.BatchesAsync(run.RunId, Ct);
        Assert.Equal(batches[^1].LastKey, run.CheckpointKey);
        Assert.Null(run.NullsAfter);

        await load!.DisposeAsync();
        var resumed = await Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes, Resume = true }));

        Assert.Equal(run.RunId, resumed.Run!.RunId);
        Assert.Equal(RunStates.Completed, resumed.Run.State);
        Assert.Equal(await TableDump.DerivedAsync(twin, Ct), await TableDump.DerivedAsync(store, Ct));
        var (a, b) = (resumed.Run, expected.Run!);
        Assert.Equal((b.Processed, b.Updated, b.Inserted, b.Skipped, b.Errors, b.Batches, b.CheckpointKey),
                     (a.Processed, a.Updated, a.Inserted, a.Skipped, a.Errors, a.Batches, a.CheckpointKey));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)] // several writers: the batches written after a timed-out one roll back and are read again
    public async Task Rows_locked_by_another_transaction_end_as_a_failed_range_and_the_run_writes_all_the_others(int writers)
    {
        var (store, connectionString) = await SeededDatabaseAsync();
        var (twin, _) = await SeededDatabaseAsync();
        await UnthrottledAsync(twin);
        var before = await L1ValuesAsync(store);
        var after = await L1ValuesAsync(twin);
        // Three derived rows the job updates (NULL before, a value after), from the middle of the table.
        var filled = before.Keys.Where(k => before[k].All(v => v is null) && after[k].Any(v => v is not null)).Order().ToList();
        Assert.True(filled.Count > 100, $"the demo data has rows for l1-sizes to update ({filled.Count})");
        long[] locked = [filled[filled.Count / 2], filled[(filled.Count / 2) + 1], filled[(filled.Count / 2) + 2]];

        await using (var holder = new NpgsqlConnection(connectionString))
        {
            await holder.OpenAsync(Ct);
            await using var tx = await holder.BeginTransactionAsync(Ct);
            await using (var lockRows = new NpgsqlCommand($"SELECT snapshot_id FROM {OrderBookMigrations.Derived} WHERE snapshot_id = ANY(@k) FOR UPDATE", holder, tx))
            {
                lockRows.Parameters.Add(new NpgsqlParameter<long[]>("k", locked));
                await lockRows.ExecuteNonQueryAsync(Ct);
            }

            var result = await Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes, MinBatch = 20, LockTimeout = TimeSpan.FromMilliseconds(200), Writers = writers }));

            Assert.Equal(RunStates.Completed, result.Run!.State);
            var throttling = result.Throttling!;
            Assert.NotEmpty(throttling.FailedRanges);
            Assert.True(throttling.Timeouts > throttling.FailedRanges.Count, $"retried smaller before giving up: {throttling.Timeouts} timeouts");
            Assert.All(throttling.FailedRanges, r => Assert.True(r.Rows <= 20, $"failed range {r.FirstKey}..{r.LastKey} has {r.Rows} rows, above the minimum batch"));
            Assert.All(throttling.FailedRanges, r => Assert.Equal("lock_timeout", r.Reason));
            Assert.All(locked, k => Assert.Contains(throttling.FailedRanges, r => r.FirstKey <= k && k <= r.LastKey));
            Assert.Contains("failed range", result.Run.Message, StringComparison.Ordinal);

            // Each key that was not written is in the ledger as error:timeout; the count matches the reasons.
            var timedOut = (await store.RowErrorsAsync(result.Run.RunId, 10_000, Ct)).Where(e => e.Reason == BackfillRunner.TimeoutReason).ToList();
            Assert.Equal(throttling.FailedRanges.Sum(r => r.TimedOutKeys), timedOut.Count);
            Assert.Equal(timedOut.Count, result.Reasons["error:timeout"]);
            Assert.All(locked, k => Assert.Contains(timedOut, e => e.RowKey == k));
            Assert.All(timedOut, e => Assert.Contains("lock_timeout in keys", e.Message, StringComparison.Ordinal));
            Assert.All(timedOut, e => Assert.Contains(throttling.FailedRanges, r => r.FirstKey <= e.RowKey && e.RowKey <= r.LastKey));

            // Every other row has exactly the values of the unthrottled run; the timed-out ones are untouched.
            var values = await L1ValuesAsync(store);
            var skipped = timedOut.Select(e => e.RowKey).ToHashSet();
            foreach (var key in after.Keys)
                Assert.Equal(skipped.Contains(key) ? before.GetValueOrDefault(key) : after[key], values.GetValueOrDefault(key));
            Assert.True(result.Run.CheckpointKey > throttling.FailedRanges.Max(r => r.LastKey), "the checkpoint moved past the failed ranges");
            Assert.Equal((await store.BatchesAsync(result.Run.RunId, Ct))[^1].LastKey, result.Run.CheckpointKey);

            await tx.RollbackAsync(Ct);
        }

        // The locks are gone: running the job again fills what the failed ranges left.
        var again = await Task.Run(() => RunAsync(store, new RunRequest { Job = L1Sizes }));
        Assert.Equal(RunStates.Completed, again.Run!.State);
        Assert.Empty(again.Throttling!.FailedRanges);
        Assert.Equal(await TableDump.DerivedAsync(twin, Ct), await TableDump.DerivedAsync(store, Ct));
    }

    [Fact]
    public async Task The_probe_counts_other_sessions_and_lock_waits_but_not_the_runs_own_connections()
    {
        var (store, connectionString) = await SeededDatabaseAsync(seed: false);
        await using var sibling = await store.OpenSiblingAsync(Ct);
        await using var probe = await store.OpenLoadProbeAsync([store.BackendId!.Value, sibling.BackendId!.Value], Ct);

        var idle = await probe.SampleAsync(Ct);
        Assert.Equal((0, 0, null), (idle.ActiveBackends, idle.WaitingLocks, idle.ReplicationLagSeconds));

        // The run's own connection busy: still no load.
        var own = store.ExecuteAsync("SELECT pg_sleep(1)", Ct);
        await Task.Delay(300, Ct);
        Assert.Equal(0, (await probe.SampleAsync(Ct)).ActiveBackends);
        await own;

        // Another session waiting on a lock held by a third: one active (the waiter), one lock not granted.
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync(Ct);
        await using var tx = await holder.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand($"LOCK TABLE {OrderBookMigrations.Derived} IN ACCESS EXCLUSIVE MODE", holder, tx))
            await hold.ExecuteNonQueryAsync(Ct);
        await using var waiter = new NpgsqlConnection(connectionString);
        await waiter.OpenAsync(Ct);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = new NpgsqlCommand($"SELECT count(*) FROM {OrderBookMigrations.Derived}", waiter).ExecuteScalarAsync(stopWaiting.Token);
        await WaitUntilAsync(async () => (await probe.SampleAsync(Ct)).WaitingLocks == 1, "the probe sees the lock wait");
        var busy = await probe.SampleAsync(Ct);
        Assert.Equal((1, 1), (busy.ActiveBackends, busy.WaitingLocks));
        Assert.Equal(2, busy.Load);

        await tx.RollbackAsync(Ct);
        Assert.Equal(0L, Convert.ToInt64(await waiting, CultureInfo.InvariantCulture)); // it got its lock and ran
    }

    [Fact]
    public async Task A_cpu_share_lowers_and_pins_the_server_session_and_keeps_its_work_out_of_parallel_workers()
    {
        var (store, _) = await SeededDatabaseAsync(seed: false);
        await using var session = await store.OpenSiblingAsync(Ct);
        var pid = session.BackendId!.Value;
        Assert.Equal(0, NiceOf(pid));
        var allCpus = CpusOf(store.BackendId!.Value);
        var share = new CpuShare(lower: true, cores: 1);

        await share.ApplyAsync(session, Ct);

        Assert.Equal("0", (string)(await session.ScalarAsync("SHOW max_parallel_workers_per_gather", Ct))!);
        if (File.Exists($"/proc/{pid}/comm"))
        {
            // The test cluster runs here, as this user or with root running the tests: the session must be lowered and pinned.
            var lastCpu = CpuAffinity.AllowedCpus()[^1].ToString(CultureInfo.InvariantCulture);
            Assert.EndsWith(": engine and its 1 server sessions", share.Describe());
            Assert.Equal(19, NiceOf(pid));
            Assert.Equal(Environment.ProcessorCount > 1 ? lastCpu : allCpus, CpusOf(pid));
            // Only that session.
            Assert.Equal(0, NiceOf(store.BackendId!.Value));
            Assert.Equal(allCpus, CpusOf(store.BackendId!.Value));
        }
        else
        {
            Assert.EndsWith("engine only (server sessions: the server is not on this machine)", share.Describe());
        }
    }

    private static string CpusOf(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();

    // Field 19 of /proc/PID/stat; the command in field 2 has no spaces for a PostgreSQL backend ("(postgres)").
    private static int NiceOf(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(' ')[18], CultureInfo.InvariantCulture);

    // ---- helpers ----

    private async Task<RunResult> UnthrottledAsync(SqlStore store)
    {
        var result = await RunAsync(store, new RunRequest { Job = L1Sizes, BatchSize = 100 });
        Assert.True(result.Updated + result.Inserted > 0, "the demo data has L1 sizes to fill");
        Assert.Equal(0, result.Throttling!.Pauses);
        return result;
    }

    private async Task<long> ScalarAsync(SqlStore store, string sql) =>
        Convert.ToInt64(await store.ScalarAsync(sql, Ct), CultureInfo.InvariantCulture);

    private async Task<Dictionary<long, double?[]>> L1ValuesAsync(SqlStore store)
    {
        await using var cmd = store.Command($"SELECT snapshot_id, {string.Join(", ", L1Columns)} FROM {OrderBookMigrations.Derived}");
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var values = new Dictionary<long, double?[]>();
        while (await r.ReadAsync(Ct))
            values[r.GetInt64(0)] = Enumerable.Range(1, L1Columns.Length).Select(i => r.IsDBNull(i) ? (double?)null : r.GetDouble(i)).ToArray();
        return values;
    }

    /// <summary>
    /// Sessions each running a long statement (pg_sleep) on the server until disposed: "active backends"
    /// as live traffic makes them. Returns once the server shows them all active.
    /// </summary>
    private async Task<IAsyncDisposable> LoadAsync(int sessions)
    {
        var load = new Load();
        Owned.Add(load); // stopped at the end of the test whatever happens
        for (var i = 0; i < sessions; i++)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Pooling = false, ApplicationName = "throttling-test-load" }.ConnectionString);
            await connection.OpenAsync(Ct);
            load.Connections.Add(connection);
            load.Queries.Add(new NpgsqlCommand("SELECT pg_sleep(120)", connection).ExecuteNonQueryAsync(load.Stop.Token));
        }
        await using var watch = new NpgsqlConnection(Server.AdminConnectionString);
        await watch.OpenAsync(Ct);
        await WaitUntilAsync(async () =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'throttling-test-load' AND state = 'active'", watch);
            return Convert.ToInt64(await count.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture) == sessions;
        }, $"{sessions} load sessions are active");
        return load;
    }

    private sealed class Load : IAsyncDisposable
    {
        public CancellationTokenSource Stop { get; } = new();
        public List<NpgsqlConnection> Connections { get; } = [];
        public List<Task> Queries { get; } = [];

        private bool _disposed;

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await Stop.CancelAsync(); // Npgsql cancels the statements on the server
            foreach (var query in Queries)
            {
                try { await query; }
                catch (Exception e) when (e is OperationCanceledException or NpgsqlException) { }
            }
            foreach (var connection in Connections) await connection.DisposeAsync();
            Stop.Dispose();
        }
    }

    private Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

}
