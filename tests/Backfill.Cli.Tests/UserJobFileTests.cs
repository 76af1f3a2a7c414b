using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests;

/// <summary>A user defines a job by copying a built-in job's YAML: no recompiling.</summary>
public sealed class UserJobFileTests(SmallDemoDatabase database) : IClassFixture<SmallDemoDatabase>
{
    [Fact]
    public async Task A_job_copied_from_a_builtin_yaml_is_listed_and_refills_its_column_exactly()
    {
        var jobs = Directory.CreateDirectory(database.File("my-jobs")).FullName;
        var builtin = (await BackfillCli.RunAsync("jobs", "book-risk-l3")).ShouldExitWith(0).Stdout;
        await File.WriteAllTextAsync(Path.Combine(jobs, "my-spread.yaml"), MySpreadFrom(builtin));

        var listed = (await BackfillCli.RunAsync("jobs", "--jobs", jobs)).ShouldExitWith(0);
        Assert.Contains("| my-spread | 1 | market_derived_metrics | Home spread only. |", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("| book-risk-l3 | 3 |", listed.Stdout, StringComparison.Ordinal);

        // Lose every home_spread value, then let the user's job rebuild them from the raw payloads.
        var original = await TableDump.DumpAsync(database.Db, TableDump.Derived, "snapshot_id");
        await TestDatabase.ExecuteAsync(database.Db, "UPDATE market_derived_metrics SET home_spread = NULL");
        var emptied = await TestDatabase.CountAsync(database.Db, "SELECT count(*) FROM market_derived_metrics WHERE home_spread IS NULL");

        var run = (await BackfillCli.RunAsync("run", "my-spread", "--jobs", jobs, "--db", database.Db)).ShouldExitWith(0);

        Assert.Contains("Run 1 of job my-spread: completed", run.Stdout, StringComparison.Ordinal);
        var ledger = Assert.Single(await LedgerRun.AllAsync(database.Db));
        Assert.Equal(("my-spread", "completed"), (ledger.Job, ledger.State));
        Assert.True(ledger.Updated > emptied / 2, $"only {ledger.Updated} of {emptied} emptied rows were refilled: {ledger}");

        // The rows that existed are back exactly as the ingester wrote them; rows the job inserted carry only home_spread.
        var refilled = await TableDump.DumpAsync(database.Db, TableDump.Derived, "snapshot_id");
        var originalKeys = original.Skip(1).Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        TableDump.AssertSame(original, refilled.Where((row, i) => i == 0 || originalKeys.Contains(KeyOf(row))).ToList(),
            "market_derived_metrics rows that existed before the user's job");
        Assert.Equal(ledger.Inserted, refilled.Count - original.Count);

        (await BackfillCli.RunAsync("validate", "my-spread", "--jobs", jobs, "--db", database.Db)).ShouldExitWith(0);
    }

    private static string KeyOf(string row) => row[..row.IndexOf('\t', StringComparison.Ordinal)];

    /// <summary>Renames the job and replaces its target columns with home_spread, the way a user edits the copy.</summary>
    private static string MySpreadFrom(string builtinYaml)
    {
        var lines = builtinYaml.ReplaceLineEndings("\n").Split('\n').ToList();
        Assert.Contains("name: book-risk-l3", lines);
        var columns = lines.LastIndexOf("  columns:");
        Assert.True(columns > 0 && lines[columns + 1] == "    - home_book_risk_l3", $"unexpected 'backfill jobs book-risk-l3' output:{Environment.NewLine}{builtinYaml}");

        var edited = lines.Take(columns + 1)
            .Select(line => line.StartsWith("name:", StringComparison.Ordinal) ? "name: my-spread"
                : line.StartsWith("description:", StringComparison.Ordinal) ? "description: \"Home spread only.\""
                : line)
            .Append("    - home_spread");
        return string.Join('\n', edited) + "\n";
    }
}
