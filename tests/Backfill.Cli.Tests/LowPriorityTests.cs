using System.Text.Json;
using Backfill.Cli.Tests.Infrastructure;
using Backfill.Testing.Postgres;

namespace Backfill.Cli.Tests;

/// <summary>run --low-priority: the run completes as usual and says what it lowered.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LowPriorityTests(PostgresServer server)
{
    [Fact]
    public async Task On_a_local_PostgreSQL_the_engine_and_its_three_server_sessions_are_lowered()
    {
        var db = await server.CreateDatabaseAsync("low-priority");
        await TestDatabase.SeedAsync(db, TestDatabase.Small);

        var priority = await RunLowPriorityAsync(db);

        // The main connection, the one that counts candidates beside it, and the reader.
        Assert.Equal("engine and its 3 server sessions", priority);
    }

    [Fact]
    public async Task On_SQLite_only_the_engine_is_lowered()
    {
        using var folder = new SmallDemoDatabase();
        await folder.InitializeAsync();

        Assert.Equal("engine (an embedded store has no server sessions)", await RunLowPriorityAsync(folder.Db));
    }

    private static async Task<string?> RunLowPriorityAsync(string db)
    {
        var result = (await BackfillCli.RunAsync("run", "l1-sizes", "--low-priority", "--db", db, "--json")).ShouldExitWith(0);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("updated").GetInt64() > 0, result.Describe());
        return json.RootElement.GetProperty("throttling").GetProperty("priority").GetString();
    }
}
