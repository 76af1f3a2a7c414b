using Backfill.Core.Runs;
using Xunit;
using static Backfill.Testing.Behaviour.OrderBookData;

namespace Backfill.Testing.Behaviour;

/// <summary>Behaviours 8-10: checkpoints and resume, time windows, overwrite.</summary>
public abstract partial class EngineBehaviour
{
    [Fact]
    public async Task After_a_run_the_checkpoint_is_the_last_processed_key()
    {
        await AddMarketAsync();
        for (var id = 1; id <= 5; id++) await Data.AddCandidateAsync(id, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(6, Market, Books.WorkedExample(Market), Ct);
        await Data.AddDerivedAsync(6, Market, Ct, (HomeRisk, 1), (AwayRisk, 2), (DrawRisk, 3)); // complete: not a candidate

        var result = await RunAsync(new RunRequest { Job = BookRisk, BatchSize = 2 });

        var run = result.Run!;
        Assert.Equal(RunStates.Completed, run.State);
        Assert.Equal((1L, 6L), (run.MinKey!.Value, run.MaxKey!.Value));
        Assert.Equal(5, run.CheckpointKey);
        var batches = await Store.BatchesAsync(run.RunId, Ct);
        Assert.Equal([(1L, 2L), (3L, 4L), (5L, 5L)], batches.Select(b => (b.FirstKey, b.LastKey)));
    }

    [Fact]
    public async Task Resume_after_an_interrupted_run_gives_the_same_rows_and_totals_as_an_uninterrupted_run()
    {
        await SeedDemoAsync(Db);
        await using var twin = await Factory.CreateAsync(Ct);
        await SeedDemoAsync(twin);
        Assert.Equal(await TableDump.DerivedAsync(Store, Ct), await TableDump.DerivedAsync(twin.Store, Ct));
        var request = new RunRequest { Job = AllMetrics, BatchSize = 100 };

        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new InlineProgress<RunProgress>(p => { if (p.Processed >= 200) kill.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(request, progress, kill.Token));
        var interrupted = Assert.Single(await Store.ListRunsAsync(AllMetrics.Name, 10, Ct));
        Assert.Equal(RunStates.Interrupted, interrupted.State);
        Assert.Contains("--resume", interrupted.Message, StringComparison.Ordinal);
        Assert.Equal((200L, 2L), (interrupted.Processed, interrupted.Batches));
        Assert.Equal((await Store.BatchesAsync(interrupted.RunId, Ct))[1].LastKey, interrupted.CheckpointKey);

        var resumed = await RunAsync(new RunRequest { Job = AllMetrics, Resume = true });
        var uninterrupted = await RunAsync(twin.Store, Catalog, request);

        Assert.True(resumed.Resumed);
        Assert.Equal(interrupted.RunId, resumed.Run!.RunId);
        Assert.Equal(RunStates.Completed, resumed.Run.State);
        Assert.Equal(await TableDump.DerivedAsync(twin.Store, Ct), await TableDump.DerivedAsync(Store, Ct));
        var (a, b) = (resumed.Run, uninterrupted.Run!);
        Assert.Equal((b.Processed, b.Updated, b.Inserted, b.Skipped, b.Errors, b.Batches, b.CheckpointKey),
                     (a.Processed, a.Updated, a.Inserted, a.Skipped, a.Errors, a.Batches, a.CheckpointKey));
        AssertReasons(a.Reasons, b.Reasons.Select(r => (r.Key, r.Value)).ToArray());
        Assert.Equal((uninterrupted.Updated, uninterrupted.Inserted), (resumed.Updated, resumed.Inserted));
        Assert.Equal(await BatchShapesAsync(twin, b.RunId), await BatchShapesAsync(Db, a.RunId));
        Assert.Equal(
            (await twin.Store.RowErrorsAsync(b.RunId, 1000, Ct)).Select(e => (e.RowKey, e.Reason, e.Message)),
            (await Store.RowErrorsAsync(a.RunId, 1000, Ct)).Select(e => (e.RowKey, e.Reason, e.Message)));
    }

    [Fact]
    public async Task From_and_to_restrict_candidates_to_the_half_open_window()
    {
        await AddMarketAsync();
        for (var id = 1; id <= 6; id++) await Data.AddCandidateAsync(id, Market, Books.WorkedExample(Market), Ct);

        var result = await RunAsync(new RunRequest { Job = BookRisk, From = At(2), To = At(5) });

        Assert.Equal((3L, 3L), (result.Processed, result.Updated));
        Assert.Equal((2L, 4L, 3L), (result.Run!.MinKey!.Value, result.Run.MaxKey!.Value, result.Run.CandidatesAtStart!.Value));
        foreach (var id in new[] { 2, 3, 4 }) await AssertWorkedExampleAsync(id);
        foreach (var id in new[] { 1, 5, 6 }) Assert.Equal((null, null, null), await RiskAsync(id)); // 5 is at To: outside
    }

    [Fact]
    public async Task Overwrite_corrects_values_that_differ_and_counts_correct_ones_unchanged()
    {
        await AddMarketAsync();
        for (var id = 1; id <= 3; id++) await Data.AddCandidateAsync(id, Market, Books.WorkedExample(Market), Ct);
        await RunAsync(new RunRequest { Job = BookRisk });
        var correct = await TableDump.DerivedAsync(Store, Ct);
        await Data.SetAsync(2, HomeRisk, 1.0, Ct);

        var result = await RunAsync(new RunRequest { Job = BookRisk, Overwrite = true });

        Assert.Equal((3L, 1L, 2L), (result.Processed, result.Updated, result.Skipped));
        AssertReasons(result.Reasons, ("skipped:unchanged", 2));
        await AssertWorkedExampleAsync(2);
        Assert.Equal(correct, await TableDump.DerivedAsync(Store, Ct));
    }

    private async Task<string> BatchShapesAsync(TestDatabase db, long runId) =>
        string.Join('\n', (await db.Store.BatchesAsync(runId, Ct))
            .Select(b => $"{b.BatchNo} {b.FirstKey}-{b.LastKey} rows={b.Rows} u={b.Updated} i={b.Inserted} s={b.Skipped} e={b.Errors}"));

}
