using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests;

/// <summary>Every mistake a user can make ends with one clear line on stderr, a documented exit code, and the data untouched.</summary>
public sealed class BadInputTests(SmallDemoDatabase database) : IClassFixture<SmallDemoDatabase>
{
    // The documented numbers themselves (not ExitCodes.*), so renumbering them breaks a test.
    private const int Usage = 2;
    private const int Database = 3;
    private const int RunFailed = 4;

    // A copied job whose 'key' is indented one space too far: the kind of slip a hand edit makes.
    private const string BrokenYaml = """
        name: broken
        processor: orderbook.metrics
        source:
          table: market_book_snapshots
           key: snapshot_id
        """;

    // Well-formed YAML, but the processor name has a typo.
    private const string UnknownProcessor = """
        name: typo
        processor: orderbook.metric
        source: { table: market_book_snapshots, key: snapshot_id, columns: [raw_payload] }
        target: { table: market_derived_metrics, key: snapshot_id, columns: [home_spread] }
        """;

    [Theory]
    [InlineData("an unknown job", Usage, "Unknown job 'no-such-job'. Known jobs: all-metrics, book-risk-l3, l1-sizes, tier-a", new[] { "run", "no-such-job", "--db", "{db}" })]
    [InlineData("a zero batch size", Usage, "--batch-size must be between 1 and", new[] { "run", "all-metrics", "--db", "{db}", "--batch-size", "0" })]
    [InlineData("zero cores", Usage, "--cores must be at least 1.", new[] { "run", "all-metrics", "--db", "{db}", "--cores", "0" })]
    [InlineData("zero writers", Usage, "--writers must be between 1 and 8.", new[] { "run", "all-metrics", "--db", "{db}", "--writers", "0" })]
    [InlineData("several writers on SQLite", Usage, "takes one writer at a time; several writers are for PostgreSQL", new[] { "run", "all-metrics", "--db", "{db}", "--writers", "2" })]
    [InlineData("several writers under a duty cycle", Usage, "--duty-cycle rests the database between one writer's batches", new[] { "run", "all-metrics", "--db", "{db}", "--writers", "2", "--duty-cycle", "0.5" })]
    [InlineData("a batch size that is not a number", Usage, "Cannot parse argument 'abc' for option '--batch-size' as a whole number", new[] { "run", "all-metrics", "--db", "{db}", "--batch-size", "abc" })]
    [InlineData("a --from that is not a date", Usage, "--from 'notadate' is not a date", new[] { "run", "all-metrics", "--db", "{db}", "--from", "notadate" })]
    [InlineData("a --db folder that does not exist", Database, "does not exist", new[] { "run", "all-metrics", "--db", "{folder}/no-such-folder/backfill.db" })]
    [InlineData("an empty file that was never migrated", Database, "Run 'backfill migrate'", new[] { "run", "all-metrics", "--db", "{empty}" })]
    [InlineData("an unreachable PostgreSQL server", Database, "Cannot connect to PostgreSQL 127.0.0.1:1/x", new[] { "run", "all-metrics", "--db", "postgres://u:secret@127.0.0.1:1/x" })]
    [InlineData("--resume with no unfinished run", RunFailed, "Job 'all-metrics' has no unfinished run to resume", new[] { "run", "all-metrics", "--db", "{db}", "--resume" })]
    [InlineData("a --jobs folder with a broken YAML file", Usage, "broken.yaml: not a valid job file", new[] { "run", "all-metrics", "--db", "{db}", "--jobs", "{broken-yaml}" })]
    [InlineData("a job file naming an unknown processor", Usage, "unknown-processor.yaml", new[] { "run", "all-metrics", "--db", "{db}", "--jobs", "{unknown-processor}" })]
    public async Task Bad_input_prints_one_clear_error_line_exits_with_its_code_and_changes_nothing(string mistake, int exitCode, string message, string[] arguments)
    {
        var before = await DatabaseStateAsync();

        var result = await BackfillCli.RunAsync(arguments.Select(Expand).ToArray());

        result.ShouldExitWith(exitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"{mistake}: expected one line on stderr.{Environment.NewLine}{result.Describe()}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length == 0, $"{mistake}: nothing belongs on stdout.{Environment.NewLine}{result.Describe()}");
        Assert.False(Directory.Exists(database.File("no-such-folder")), "a missing --db folder must not be created");

        TableDump.AssertSame(before, await DatabaseStateAsync(), $"the database after {mistake}");
    }

    private string Expand(string argument) => argument switch
    {
        "{db}" => database.Db,
        "{empty}" => EmptyFile(),
        "{broken-yaml}" => JobsFolder("broken.yaml", BrokenYaml),
        "{unknown-processor}" => JobsFolder("unknown-processor.yaml", UnknownProcessor),
        _ => argument.Replace("{folder}", database.Folder, StringComparison.Ordinal),
    };

    private string EmptyFile()
    {
        var path = database.File("empty.db");
        File.WriteAllBytes(path, []);
        return path;
    }

    private string JobsFolder(string fileName, string yaml)
    {
        var folder = Directory.CreateDirectory(database.File(Path.GetFileNameWithoutExtension(fileName))).FullName;
        File.WriteAllText(Path.Combine(folder, fileName), yaml);
        return folder;
    }

    /// <summary>All data rows and the ledger's run count, as one comparable list.</summary>
    private async Task<IReadOnlyList<string>> DatabaseStateAsync()
    {
        var state = new List<string>();
        state.AddRange(await TableDump.DumpAsync(database.Db, TableDump.Snapshots, "snapshot_id"));
        state.AddRange(await TableDump.DumpAsync(database.Db, TableDump.Derived, "snapshot_id"));
        state.AddRange(await TableDump.DumpAsync(database.Db, TableDump.Metadata, "market_id"));
        state.Add($"runs: {(await LedgerRun.AllAsync(database.Db)).Count}");
        return state;
    }
}
