using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;
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
        var runId = Convert.ToInt64(await after.ScalarAsync($"SELECT max(run_id) FROM {LedgerMigrations.Runs}", ct), System.Globalization.CultureInfo.InvariantCulture);
        var run = (await after.GetRunAsync(runId, ct))!;
        Assert.Equal(RunStates.Failed, run.State);
        Assert.Equal(described, run.Message);
        Assert.True(run.Processed >= 100, $"the first batch is kept: {run.Processed} rows");
    }
}
