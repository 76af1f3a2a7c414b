using System.Diagnostics;
using System.Globalization;
using Backfill.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.KillAndResume;

/// <summary>
/// A 'backfill run' SIGKILLed mid-run, then resumed, must leave exactly the rows and ledger totals of a run that was
/// never interrupted. One suite, run once per store.
/// </summary>
public abstract class KillAndResumeSuite(ITestOutputHelper output)
{
    private const string Job = "all-metrics";
    private const int BatchesBeforeKill = 3;

    // Smaller batches make the run longer, so a retry is more likely to land the kill mid-run.
    private static readonly int[] BatchSizes = [50, 20, 10];
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Options of the killed run beyond --batch-size (kept by --resume); the reference run has none.</summary>
    protected virtual IReadOnlyList<string> RunOptions => [];

    /// <summary>A new, empty database; returns its '--db' argument.</summary>
    protected abstract Task<string> NewDatabaseAsync(string purpose);

    /// <summary>A new database holding exactly what <paramref name="source"/> holds (no process has it open).</summary>
    protected abstract Task<string> CopyDatabaseAsync(string source, string purpose);

    [Fact]
    public async Task Resume_after_SIGKILL_gives_the_same_rows_and_ledger_totals_as_an_uninterrupted_run()
    {
        var clock = Stopwatch.StartNew();
        var seeded = await NewDatabaseAsync("seeded");
        await TestDatabase.SeedAsync(seeded, TestDatabase.Large);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: seeded {TestDatabase.Large.TargetSnapshots:N0} snapshots of {TestDatabase.Large.Markets} markets");

        var (db, atKill) = await KillMidRunAsync(seeded);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed mid-run: {atKill}");

        // What the dead process left: its committed batches, and a checkpoint at the last one of them.
        var batchesAtKill = await LedgerBatch.OfRunAsync(db, atKill.RunId);
        Assert.Equal(atKill.Batches, batchesAtKill.Count);
        Assert.Equal(atKill.CheckpointKey, batchesAtKill[^1].LastKey);
        Assert.Equal(atKill.Written, batchesAtKill.Sum(b => b.Written));
        Assert.Equal(atKill.Processed, batchesAtKill.Sum(b => b.Rows));

        var resumed = (await BackfillCli.RunAsync("run", Job, "--db", db, "--resume")).ShouldExitWith(0);
        Assert.Contains($"Run {atKill.RunId} of job {Job} (resumed): completed", resumed.Stdout, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: resumed to completion");

        // The same seeded data, never interrupted.
        var reference = await CopyDatabaseAsync(seeded, "uninterrupted");
        (await BackfillCli.RunAsync("run", Job, "--db", reference)).ShouldExitWith(0);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: uninterrupted run done");

        TableDump.AssertSame(
            await TableDump.DumpAsync(reference, TableDump.Derived, "snapshot_id"),
            await TableDump.DumpAsync(db, TableDump.Derived, "snapshot_id"),
            "market_derived_metrics after kill + resume, compared with an uninterrupted run");

        var expected = Assert.Single(await LedgerRun.AllAsync(reference));
        var run = Assert.Single(await LedgerRun.AllAsync(db)); // --resume continues the killed run, it does not start another
        Assert.Equal(atKill.RunId, run.RunId);
        Assert.Equal("completed", run.State);
        Assert.True(expected.Written > 0, $"the uninterrupted run wrote nothing, so the comparison proves nothing: {expected}");
        Assert.Equal(
            (expected.Processed, expected.Updated, expected.Inserted, expected.Skipped, expected.Errors),
            (run.Processed, run.Updated, run.Inserted, run.Skipped, run.Errors));

        // Every candidate was in exactly one committed batch: consecutive, non-overlapping key ranges.
        var batches = await LedgerBatch.OfRunAsync(db, run.RunId);
        Assert.Equal(Enumerable.Range(1, batches.Count).Select(n => (long)n), batches.Select(b => b.BatchNo));
        Assert.Equal(run.Batches, batches.Count);
        Assert.All(batches.Zip(batches.Skip(1)), pair => Assert.True(pair.Second.FirstKey > pair.First.LastKey,
            $"batch {pair.Second.BatchNo} starts at key {pair.Second.FirstKey}, not after batch {pair.First.BatchNo}'s last key {pair.First.LastKey}"));
        Assert.Equal(run.Processed, batches.Sum(b => b.Rows));
        Assert.Equal(run.Written, batches.Sum(b => b.Written));
    }

    private async Task<(string Db, LedgerRun AtKill)> KillMidRunAsync(string seeded)
    {
        var misses = new List<string>();
        foreach (var batchSize in BatchSizes)
        {
            var db = await CopyDatabaseAsync(seeded, $"killed_batch_{batchSize}");
            output.WriteLine($"running with --batch-size {batchSize}, to be killed after {BatchesBeforeKill} committed batches");
            if (await TryKillMidRunAsync(db, batchSize, misses) is { } atKill)
            {
                return (db, atKill);
            }

            output.WriteLine($"missed, retrying with smaller batches: {misses[^1]}");
        }

        Assert.Fail($"could not kill 'backfill run {Job}' mid-run in {BatchSizes.Length} attempts:{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
        throw new UnreachableException();
    }

    /// <summary>Kills the run once a few batches are committed; null (with the reason in misses) when it finished first.</summary>
    private async Task<LedgerRun?> TryKillMidRunAsync(string db, int batchSize, List<string> misses)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var process = BackfillCli.Start(["run", Job, "--db", db, "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), .. RunOptions]);
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < RunTimeout)
        {
            if (await LedgerRun.LatestAsync(store, Job) is { State: "running", Batches: >= BatchesBeforeKill })
            {
                process.Kill();
                var killed = await process.WaitAsync(RunTimeout);
                var after = await LedgerRun.LatestAsync(store, Job);
                if (killed.ExitCode != 0 && after is { State: "running" } && after.CheckpointIsStrictlyInside)
                {
                    return after;
                }

                misses.Add($"batch size {batchSize}: the run finished before the kill landed: {after}{Environment.NewLine}{killed.Describe()}");
                return null;
            }

            await Task.Delay(5);
        }

        var finished = await process.WaitAsync(RunTimeout);
        misses.Add($"batch size {batchSize}: the run ended before {BatchesBeforeKill} committed batches were seen "
            + $"({await LedgerRun.LatestAsync(store, Job)}){Environment.NewLine}{finished.Describe()}");
        return null;
    }
}
