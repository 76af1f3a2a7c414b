using System.Text.Json;
using Backfill.Cli.Tests.Infrastructure;
using Backfill.Core.Throttling;
using Backfill.Testing.Postgres;

namespace Backfill.Cli.Tests;

/// <summary>run --low-priority / --cores: the run completes as usual and says what it lowered and pinned.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CpuShareTests(PostgresServer server)
{
    [Fact]
    public async Task On_a_local_PostgreSQL_the_engine_and_its_server_sessions_are_lowered_and_pinned()
    {
        var db = await server.CreateDatabaseAsync("cpu-share");
        await TestDatabase.SeedAsync(db, TestDatabase.Small);

        var share = await RunAsync(db, "--low-priority", "--cores", "1");

        // The main connection, the one that counts the table before the run (on its snapshot, during the first
        // batches) and the reader.
        Assert.Equal($"nice 19, {OneCore()}: engine and its 3 server sessions", share);
    }

    [Fact]
    public async Task On_SQLite_only_the_engine_is_lowered()
    {
        using var folder = new SmallDemoDatabase();
        await folder.InitializeAsync();

        Assert.Equal("nice 19: engine (an embedded store has no server sessions)", await RunAsync(folder.Db, "--low-priority"));
    }

    private static string OneCore() =>
        CpuAffinity.Choose(1) is { } cpus ? CpuAffinity.Describe(cpus) : "all 1 cores (--cores 1 leaves none to others)";

    private static async Task<string?> RunAsync(string db, params string[] options)
    {
        var result = (await BackfillCli.RunAsync(["run", "l1-sizes", .. options, "--db", db, "--json"], BackfillCli.DefaultTimeout)).ShouldExitWith(0);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("updated").GetInt64() > 0, result.Describe());
        return json.RootElement.GetProperty("throttling").GetProperty("cpuShare").GetString();
    }
}
