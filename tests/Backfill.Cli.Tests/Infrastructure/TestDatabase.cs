using Backfill.Core.Sql;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Backfill.Postgres;
using Backfill.Sqlite;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>Opens what '--db' names, as the CLI does, to prepare data and look at the results from the test.</summary>
public static class TestDatabase
{
    /// <summary>Big enough that 'run all-metrics' in small batches takes seconds: the window a kill needs.</summary>
    public static DemoOptions Large { get; } = new() { Seed = 7, Markets = 40, TargetSnapshots = 12_000 };

    /// <summary>A few markets: every command finishes in well under a second.</summary>
    public static DemoOptions Small { get; } = new() { Seed = 7, Markets = 5, TargetSnapshots = 600 };

    public static async Task<SqlStore> OpenAsync(string db) =>
        PostgresConnectionString.Looks(db)
            ? await PostgresStore.OpenAsync(db, TimeProvider.System, CancellationToken.None)
            : await SqliteStore.OpenAsync(db, TimeProvider.System, CancellationToken.None);

    /// <summary>Migrates and seeds the demo data only (no runbook runs), as a live platform would have left it.</summary>
    public static async Task SeedAsync(string db, DemoOptions options)
    {
        await using var store = await OpenAsync(db);
        await store.MigrateAsync(CliContext.AllMigrations, CancellationToken.None);
        var seeded = await new DemoSeeder(store).SeedAsync(options, CancellationToken.None);
        Assert.True(seeded is not null, $"{store.Describe()} already held the demo before seeding.");
    }

    public static async Task<long> CountAsync(string db, string sql)
    {
        await using var store = await OpenAsync(db);
        return Convert.ToInt64(await store.ScalarAsync(sql, CancellationToken.None), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<object?> ScalarAsync(string db, string sql)
    {
        await using var store = await OpenAsync(db);
        return await store.ScalarAsync(sql, CancellationToken.None);
    }

    public static async Task ExecuteAsync(string db, string sql)
    {
        await using var store = await OpenAsync(db);
        await store.ExecuteAsync(sql, CancellationToken.None);
    }
}
