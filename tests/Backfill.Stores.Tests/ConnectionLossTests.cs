using Backfill.Core.Jobs;
using Backfill.Core.Pipelines;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;
using Backfill.Testing.Behaviour.Pipelines;
using Npgsql;

namespace Backfill.Stores.Tests;

/// <summary>
/// A run whose database connection dies mid-run (a statement dropped on a timeout, a server restart, an
/// operator's pg_terminate_backend) fails with that cause, not with a later "connection is not open", and
/// the ledger still records the failure.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectionLossTests(PostgresServer server)
{
    private static readonly OrderBookPack Pack = new();

    [Fact]
    public async Task A_run_whose_connection_is_cut_fails_with_the_cause_and_the_ledger_records_it_through_a_new_connection()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var connectionString = await server.CreateDatabaseAsync("connection_loss", ct);
        await using var store = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct);
        await store.MigrateAsync(StoreFactory.Migrations, ct);
        Assert.NotNull(await new DemoSeeder(store).SeedAsync(new DemoOptions { Markets = 4, TargetSnapshots = 800 }, ct));
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new OrderBookProcessor()));
        foreach (var job in Pack.Jobs) catalog.Add(job);

        // After the first batch, between two batches, the run's own session is terminated by the server.
        var runSession = store.BackendId!.Value;
        var cut = false;
        var progress = new InlineProgress<RunProgress>(p =>
        {
            if (cut || p.Processed == 0) return;
            cut = true;
            using var admin = new NpgsqlConnection(server.AdminConnectionString);
            admin.Open();
            using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({runSession})", admin);
            kill.ExecuteNonQuery();
        });
        var request = new RunRequest { Job = Pack.Jobs.Single(j => j.Name == "l1-sizes"), BatchSize = 100 };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => new BackfillRunner(store, catalog, TimeProvider.System).RunAsync(request, progress, ct), ct));

        Assert.True(cut);
        var described = RunFailure.Describe(failure);
        Assert.Contains("terminating connection due to administrator command", described, StringComparison.Ordinal);
        await using var after = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct);
        var run = await LatestRunAsync(after, ct);
        Assert.Equal(RunStates.Failed, run.State);
        Assert.Equal(described, run.Message);
        Assert.True(run.Processed >= 100, $"the first batch is kept: {run.Processed} rows");
    }

    [Fact]
    public async Task A_slot_whose_connection_is_cut_fails_alone_and_the_slots_after_it_run_on_a_new_connection()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var (connectionString, store) = await PipelineDatabaseAsync("slot_connection_loss", ct);
        await using var _ = store;
        var ledgerSession = store.BackendId!.Value;

        // Just before slot a 2024-01-05 computes, the server terminates every session of the database but the
        // run's own (the ledger's): with one worker, that is the slot's connection.
        var gauge = CuttingBefore(Jan5, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            + $"WHERE datname = '{new NpgsqlConnectionStringBuilder(connectionString).Database}' AND pid <> {ledgerSession} AND pid <> pg_backend_pid()", ct);
        var runner = new PipelineRunner(store, new PipelineCatalog([TestPipeline.Build(gauge)]), TimeProvider.System);

        var summary = await runner.RunAsync(OneWorker, null, ct);

        Assert.Equal(RunStates.Failed, summary.Run.State);
        var failed = Assert.Single(summary.Failures);
        Assert.Equal(new SlotKey("a", Jan5), failed.Key);
        Assert.Contains("terminating connection due to administrator command", failed.Error, StringComparison.Ordinal);
        Assert.Equal(SlotStatus.Success, summary.Slots.Single(s => s.Key == new SlotKey("a", Jan5.AddDays(1))).Status);
        Assert.Equal(SlotStatus.Success, summary.Slots.Single(s => s.Key == new SlotKey("b", Jan5)).Status);

        gauge.BeforeCompute = null;
        var retried = await runner.RetryAsync(summary.Run.RunId, failed: true, blocked: true, null, ct);
        Assert.Equal(RunStates.Completed, retried.Run.State);
    }

    [Fact]
    public async Task A_partitioned_run_whose_own_connection_is_cut_stops_with_the_cause_and_resumes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var (connectionString, store) = await PipelineDatabaseAsync("pipeline_connection_loss", ct);
        await using var _ = store;

        // While slot a 2024-01-05 computes, the server terminates the run's own session (the ledger's).
        var gauge = CuttingBefore(Jan5, $"SELECT pg_terminate_backend({store.BackendId!.Value})", ct);
        var catalog = new PipelineCatalog([TestPipeline.Build(gauge)]);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => new PipelineRunner(store, catalog, TimeProvider.System).RunAsync(OneWorker, null, ct));

        Assert.Contains("terminating connection due to administrator command", RunFailure.Describe(failure), StringComparison.Ordinal);
        await using var after = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct);
        var run = await LatestRunAsync(after, ct);
        Assert.Equal(RunStates.Interrupted, run.State);
        Assert.Contains("terminating connection due to administrator command", run.Message, StringComparison.Ordinal);

        gauge.BeforeCompute = null;
        var resumed = await new PipelineRunner(after, catalog, TimeProvider.System).ResumeAsync(run.RunId, null, ct);
        Assert.Equal(RunStates.Completed, resumed.Run.State);
    }

    private static readonly DateOnly Jan5 = new(2024, 1, 5);

    private static PipelineRequest OneWorker => new()
    {
        Pipeline = "tp", StartDate = TestPipeline.Season1[0], EndDate = TestPipeline.Season2[^1], Parallel = 1, ProgressEvery = 1,
    };

    private async Task<(string ConnectionString, PostgresStore Store)> PipelineDatabaseAsync(string name, CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync(name, ct);
        var store = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct);
        await store.MigrateAsync(StoreFactory.Migrations, ct);
        await TestPipeline.SeedAsync(store, ct);
        return (connectionString, store);
    }

    /// <summary>Test processors that run <paramref name="terminate"/> as the server's admin just before slot a of <paramref name="date"/> computes.</summary>
    private SlotGauge CuttingBefore(DateOnly date, string terminate, CancellationToken ct) => new()
    {
        Delay = TimeSpan.Zero,
        BeforeCompute = async (processor, day) =>
        {
            if ((processor, day) != ("a", date)) return;
            await using var admin = new NpgsqlConnection(server.AdminConnectionString);
            await admin.OpenAsync(ct);
            await using var kill = new NpgsqlCommand(terminate, admin);
            await kill.ExecuteNonQueryAsync(ct);
        },
    };

    private static async Task<RunRecord> LatestRunAsync(SqlStore store, CancellationToken ct)
    {
        var runId = Convert.ToInt64(await store.ScalarAsync($"SELECT max(run_id) FROM {LedgerMigrations.Runs}", ct), System.Globalization.CultureInfo.InvariantCulture);
        return (await store.GetRunAsync(runId, ct))!;
    }
}
