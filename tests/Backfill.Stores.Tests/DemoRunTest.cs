using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;

namespace Backfill.Stores.Tests;

/// <summary>What the PostgreSQL run tests share: the order-book jobs, fresh databases with the demo data, a run, a wait.</summary>
internal static class DemoRuns
{
    private static readonly OrderBookPack Pack = new();

    /// <summary>800 snapshots of 4 markets with the seeds' damage.</summary>
    public static DemoOptions Demo { get; } = new() { Markets = 4, TargetSnapshots = 800 };

    public static JobSpec Job(string name) => Pack.Jobs.Single(j => j.Name == name);

    public static Task<RunResult> RunAsync(SqlStore store, RunRequest request, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new OrderBookProcessor()));
        foreach (var job in Pack.Jobs) catalog.Add(job);
        return new BackfillRunner(store, catalog, TimeProvider.System).RunAsync(request, progress, ct);
    }

    /// <summary>A new migrated database, with the demo data when <paramref name="seed"/>; its store is added to <paramref name="owned"/>.</summary>
    public static async Task<(SqlStore Store, string ConnectionString)> DatabaseAsync(PostgresServer server, string purpose, bool seed,
        List<IAsyncDisposable> owned, CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync(purpose, ct);
        var store = await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct);
        owned.Add(store);
        await store.MigrateAsync(StoreFactory.Migrations, ct);
        if (seed) Assert.NotNull(await new DemoSeeder(store).SeedAsync(Demo, ct));
        return (store, connectionString);
    }

    /// <summary>Polls every 50 ms; fails the test after 30 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(50, ct);
        }
    }
}
