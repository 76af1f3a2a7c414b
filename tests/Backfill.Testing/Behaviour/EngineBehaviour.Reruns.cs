using Backfill.Core.Runs;
using Xunit;
using static Backfill.Testing.Behaviour.OrderBookData;

namespace Backfill.Testing.Behaviour;

/// <summary>Behaviours 2-4: re-runs, dry runs, and the run's size limits.</summary>
public abstract partial class EngineBehaviour
{
    [Fact]
    public async Task A_second_run_of_a_finished_job_updates_and_inserts_nothing_and_leaves_the_table_byte_identical()
    {
        await SeedDemoAsync(Db);
        var first = await RunAsync(new RunRequest { Job = AllMetrics });
        var afterFirst = await TableDump.DerivedAsync(Store, Ct);

        var second = await RunAsync(new RunRequest { Job = AllMetrics });

        Assert.True(first.Updated > 0, "the demo history has NULLs to fill");
        Assert.True(first.Inserted > 0, "the demo history misses some derived rows");
        Assert.Equal(0, second.Updated);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(first.Errors, second.Errors); // the same unreadable payloads, still unreadable
        Assert.Equal(afterFirst, await TableDump.DerivedAsync(Store, Ct));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_counts_exactly_what_the_real_run_then_does()
    {
        await SeedDemoAsync(Db);
        await RunAsync(new RunRequest { Job = L1Sizes, Limit = 100 }); // so the ledger is not empty
        var before = await TableDump.AllAsync(Store, Ct);

        var dry = await RunAsync(new RunRequest { Job = AllMetrics, DryRun = true, BatchSize = 150 });

        Assert.Equal(before, await TableDump.AllAsync(Store, Ct));
        Assert.Null(dry.Run);
        var real = await RunAsync(new RunRequest { Job = AllMetrics, BatchSize = 150 });
        Assert.True(real.Updated + real.Inserted > 0);
        Assert.Equal(
            (real.Processed, real.Updated, real.Inserted, real.Skipped, real.Errors, real.Batches),
            (dry.Processed, dry.Updated, dry.Inserted, dry.Skipped, dry.Errors, dry.Batches));
        AssertReasons(dry.Reasons, real.Reasons.Select(r => (r.Key, r.Value)).ToArray());
        Assert.Equal(real.SampleErrors.Select(e => (e.RowKey, e.Reason, e.Message)), dry.SampleErrors.Select(e => (e.RowKey, e.Reason, e.Message)));
    }

    [Fact]
    public async Task Limit_and_batch_size_are_honoured()
    {
        await AddMarketAsync();
        for (var id = 1; id <= 10; id++) await Data.AddCandidateAsync(id, Market, Books.WorkedExample(Market), Ct);

        var result = await RunAsync(new RunRequest { Job = BookRisk, Limit = 7, BatchSize = 3 });

        Assert.Equal(7, result.Processed);
        Assert.Equal(7, result.Updated);
        Assert.Equal(3, result.Batches); // ceil(7 / 3)
        var batches = await Store.BatchesAsync(result.Run!.RunId, Ct);
        Assert.Equal([(1L, 3L, 3L), (4L, 6L, 3L), (7L, 7L, 1L)], batches.Select(b => (b.FirstKey, b.LastKey, b.Rows)));
        Assert.All(batches, b => Assert.True(b.Rows <= 3));
        Assert.Equal((7L, 3L, 7L), (result.Run.Processed, result.Run.Batches, result.Run.CheckpointKey!.Value));
        await AssertWorkedExampleAsync(7);
        Assert.Equal((null, null, null), await RiskAsync(8)); // beyond the limit: untouched
    }
}
