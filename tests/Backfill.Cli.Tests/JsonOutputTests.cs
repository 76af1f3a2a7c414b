using System.Text.Json;
using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests;

/// <summary>With --json, stdout is one JSON document a script can parse, for every command.</summary>
public sealed class JsonOutputTests(JsonOutputTests.Fixture database) : IClassFixture<JsonOutputTests.Fixture>
{
    private const string ArrayRoot = "[]";

    [Theory]
    [InlineData("migrate", "versions")]
    [InlineData("jobs", ArrayRoot)]
    [InlineData("jobs book-risk-l3", "target")]
    [InlineData("audit", "candidates")]
    [InlineData("run all-metrics --dry-run", "dryRun")]
    [InlineData("run all-metrics", "run")]
    [InlineData("validate all-metrics", "passed")]
    [InlineData("status", ArrayRoot)]
    [InlineData("history", ArrayRoot)]
    [InlineData("report run latest", "markdown")]
    [InlineData("report market {market}", "points")]
    public async Task Json_output_is_a_single_parseable_document(string command, string expectedMember)
    {
        var market = await database.MarketIdAsync();
        string[] arguments = [.. command.Replace("{market}", market, StringComparison.Ordinal).Split(' '), "--db", database.Db, "--json"];

        var result = (await BackfillCli.RunAsync(arguments)).ShouldExitWith(0);

        Assert.True(result.Stderr.Length == 0, result.Describe());
        using var json = ParseOrFail(result);
        if (expectedMember == ArrayRoot)
        {
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
            Assert.NotEqual(0, json.RootElement.GetArrayLength());
        }
        else
        {
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.True(json.RootElement.TryGetProperty(expectedMember, out _), $"no '{expectedMember}' in:{Environment.NewLine}{result.Stdout}");
        }
    }

    private static JsonDocument ParseOrFail(CliResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Stdout);
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not JSON: {e.Message}{Environment.NewLine}{result.Describe()}");
            throw;
        }
    }

    /// <summary>The small demo database after one full 'run all-metrics', so every report has a run to show.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly SmallDemoDatabase _small = new();
        private string? _market;

        public string Db => _small.Db;

        public async Task InitializeAsync()
        {
            await _small.InitializeAsync();
            (await BackfillCli.RunAsync("run", "all-metrics", "--db", Db)).ShouldExitWith(0);
        }

        public async Task<string> MarketIdAsync() =>
            _market ??= (string)(await TestDatabase.ScalarAsync(Db, "SELECT market_id FROM market_event_metadata ORDER BY market_id LIMIT 1"))!;

        public Task DisposeAsync() => _small.DisposeAsync();
    }
}
