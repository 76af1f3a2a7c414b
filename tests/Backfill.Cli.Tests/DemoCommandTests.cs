using System.Text.RegularExpressions;
using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests;

public sealed partial class DemoCommandTests : IDisposable
{
    private static readonly (string Table, string Key)[] DataTables =
    [
        (TableDump.Snapshots, "snapshot_id"),
        (TableDump.Derived, "snapshot_id"),
        (TableDump.Metadata, "market_id"),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_on_a_new_file_seeds_the_data_and_passes_all_three_runbooks()
    {
        var demo = await BackfillCli.RunAsync("demo", "--db", _folder.File("demo.db"));

        demo.ShouldExitWith(0);
        Assert.True(demo.Stderr.Length == 0, demo.Describe());
        var stdout = demo.Stdout;
        Assert.Contains("Seeded (seed 42): 12,000 snapshots of 39 markets with metadata (one market has none)", stdout, StringComparison.Ordinal);
        Assert.Contains("## Seed 000 — Book Risk L3 backfill: job book-risk-l3", stdout, StringComparison.Ordinal);
        Assert.Contains("## Seed 002 — L1 size gap in the last 7 days (run with --from): job l1-sizes", stdout, StringComparison.Ordinal);
        Assert.Contains("## Seed 001 — Tier A backfill (impedance inputs, L1 sizes, impedance) over all history: job tier-a", stdout, StringComparison.Ordinal);
        Assert.Contains("## Execution report of the Book Risk L3 run", stdout, StringComparison.Ordinal);
        Assert.Contains("## Market report (as 'backfill report market')", stdout, StringComparison.Ordinal);
        Assert.True(ValidateRow().Matches(stdout).Count == 3,
            $"each of the three runbooks must end with 'Validate | PASSED':{Environment.NewLine}{demo.Describe()}");
        Assert.Contains("## Before / after", stdout, StringComparison.Ordinal);
        var summary = stdout[stdout.IndexOf("## Before / after", StringComparison.Ordinal)..];
        foreach (var job in new[] { "book-risk-l3", "l1-sizes", "tier-a" })
        {
            Assert.Matches($@"(?m)^\| {job}[^\n]*\| PASSED \|$", summary);
        }

        Assert.DoesNotContain("FAILED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_demo_on_the_same_file_changes_no_data_and_writes_no_row()
    {
        var db = _folder.File("demo.db");
        var first = await BackfillCli.RunAsync("demo", "--db", db);
        // Whether the first demo passes its validations is the test above's concern; here it only has to build the database.
        Assert.True(first.ExitCode is 0 or 1 && first.Stdout.Contains("Seeded (seed 42)", StringComparison.Ordinal), first.Describe());
        var before = await DumpDataAsync(db);
        var runsBefore = (await LedgerRun.AllAsync(db)).Count;

        var second = (await BackfillCli.RunAsync("demo", "--db", db)).ShouldExitWith(0);

        Assert.Contains("The database already holds the demo: re-running the runbooks (they must change nothing).", second.Stdout, StringComparison.Ordinal);
        var after = await DumpDataAsync(db);
        foreach (var (table, _) in DataTables)
        {
            TableDump.AssertSame(before[table], after[table], $"{table} after a second demo");
        }

        var secondRuns = (await LedgerRun.AllAsync(db)).Skip(runsBefore).ToList();
        Assert.Equal(["book-risk-l3", "l1-sizes", "tier-a"], secondRuns.Select(r => r.Job).Distinct().Order(StringComparer.Ordinal));
        Assert.All(secondRuns, run =>
        {
            Assert.Equal("completed", run.State);
            Assert.True(run.Updated == 0 && run.Inserted == 0, $"the second demo wrote rows: {run}");
        });
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>>> DumpDataAsync(string db)
    {
        var dumps = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (table, key) in DataTables)
        {
            dumps[table] = await TableDump.DumpAsync(db, table, key);
        }

        return dumps;
    }

    [GeneratedRegex(@"(?m)^\| 4 \| Validate[^|]*\| PASSED: no NULL left whose inputs exist \|$")]
    private static partial Regex ValidateRow();
}
