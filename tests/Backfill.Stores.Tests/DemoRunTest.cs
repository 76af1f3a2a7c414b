using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;

namespace Backfill.Stores.Tests;

/// <summary>
/// What the PostgreSQL run tests share: the order-book jobs, fresh databases with the demo data, a run, a wait,
/// a time limit, and the resources a test opened, closed at its end in reverse order whatever happened.
/// </summary>
public abstract class DemoRunTest(PostgresServer server, string purpose) : IAsyncLifetime
{
    private static readonly OrderBookPack Pack = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    /// <summary>800 snapshots of 4 markets with the seeds' damage.</summary>
    protected static DemoOptions Demo { get; } = new() { Markets = 4, TargetSnapshots = 800 };

    protected PostgresServer Server => server;
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>Disposed at the end of the test, last added first.</summary>
    protected List<IAsyncDisposable> Owned { get; } = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = Owned.Count - 1; i >= 0; i--) await Owned[i].DisposeAsync();
        _timeout.Dispose();
    }

    protected static JobSpec Job(string name) => Pack.Jobs.Single(j => j.Name == name);

    protected Task<RunResult> RunAsync(SqlStore store, RunRequest request, IProgress<RunProgress>? progress = null)
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new OrderBookProcessor()));
        foreach (var job in Pack.Jobs) catalog.Add(job);
        return new BackfillRunner(store, catalog, TimeProvider.System).RunAsync(request, progress, Ct);
    }

    /// <summary>A new migrated database, with the demo data unless <paramref name="seed"/> is false, and its connection string.</summary>
    protected async Task<(SqlStore Store, string ConnectionString)> SeededDatabaseAsync(bool seed = true)
    {
        var connectionString = await server.CreateDatabaseAsync(purpose, Ct);
        var store = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, Ct);
        Owned.Add(store);
        await store.MigrateAsync(StoreFactory.Migrations, Ct);
        if (seed) Assert.NotNull(await new DemoSeeder(store).SeedAsync(Demo, Ct));
        return (store, connectionString);
    }

    /// <summary>Polls every 50 ms; fails the test after 30 s.</summary>
    protected async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(50, Ct);
        }
    }
}
