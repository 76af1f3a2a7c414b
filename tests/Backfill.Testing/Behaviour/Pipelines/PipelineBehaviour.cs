using Backfill.Core.Pipelines;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Xunit;

namespace Backfill.Testing.Behaviour.Pipelines;

/// <summary>Partitioned runs, the same on every store: ordering, the parallel bound, failures, retry, skips, gates, resume.</summary>
public abstract class PipelineBehaviour(StoreFactory factory) : IAsyncLifetime
{
    private static readonly DateOnly Jan1 = new(2024, 1, 1);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private TestDatabase? _db;

    protected SlotGauge Gauge { get; } = new();
    protected SqlStore Store => _db!.Store;
    protected CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _db = await factory.CreateAsync(Ct);
        await TestPipeline.SeedAsync(Store, Ct);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
        _timeout.Dispose();
    }

    private PipelineRunner Runner(params GateSpec[] gates) => Runner(Store, gates);
    private PipelineRunner Runner(SqlStore store, params GateSpec[] gates) => new(store, new PipelineCatalog([TestPipeline.Build(Gauge, gates)]), TimeProvider.System);

    private static PipelineRequest Whole(int parallel = 2) => new()
    {
        Pipeline = "tp", StartDate = TestPipeline.Season1[0], EndDate = TestPipeline.Season2[^1], Parallel = parallel, ProgressEvery = 1,
    };

    private async Task<Dictionary<(string, DateOnly), long?>> TablesAsync(SqlStore store)
    {
        var result = new Dictionary<(string, DateOnly), long?>();
        foreach (var table in TestPipeline.Outputs)
            foreach (var (day, value) in await new SqlPartitionReader(store).QueryAsync($"SELECT day, value FROM {table}", r => (Values.Date(r, 0), Values.NullableLong(r, 1)), Ct))
                result[(table, day)] = value;
        return result;
    }

    [Fact]
    public async Task Every_slot_runs_and_each_partition_holds_what_its_inputs_give()
    {
        var summary = await Runner().RunAsync(Whole(), null, Ct);

        Assert.Equal(RunStates.Completed, summary.Run.State);
        Assert.Equal(0, summary.Count(SlotStatus.Failed));
        var tables = await TablesAsync(Store);
        var jan5 = Jan1.AddDays(4);
        Assert.Equal(51 + 52 + 53, tables[("tp_a", jan5)]);
        Assert.Equal(3, tables[("tp_b", jan5)]);
        // c = a over Jan 2..5; d = c * 1000 + b.
        var c = Enumerable.Range(2, 4).Sum(day => day * 30 + 6);
        Assert.Equal(c, tables[("tp_c", jan5)]);
        Assert.Equal(c * 1000L + 3, tables[("tp_d", jan5)]);
    }

    [Fact]
    public async Task No_slot_starts_before_the_upstream_slots_it_reads_have_finished()
    {
        var runner = Runner();
        var plan = await runner.PlanAsync(Whole(parallel: 3), Ct);
        var summary = await runner.RunAsync(Whole(parallel: 3), null, Ct);

        var slots = summary.Slots.ToDictionary(s => s.Key);
        var checkedEdges = 0;
        foreach (var planned in plan.Slots.Values.Where(s => s.WillRun))
        {
            foreach (var up in planned.Upstream)
            {
                Assert.True(slots[planned.Key].StartedAt >= slots[up].FinishedAt,
                    $"{planned.Key} started at {slots[planned.Key].StartedAt:O}, before its upstream {up} finished at {slots[up].FinishedAt:O}");
                checkedEdges++;
            }
        }
        Assert.True(checkedEdges > 30, $"only {checkedEdges} edges checked");
    }

    [Fact]
    public async Task At_most_parallel_slots_run_at_once_and_independent_ones_do_run_side_by_side()
    {
        Gauge.Delay = TimeSpan.FromMilliseconds(40);
        var summary = await Runner().RunAsync(Whole(parallel: 2), null, Ct);

        Assert.Equal(2, Gauge.MaxConcurrent);
        var ran = summary.Slots.Where(s => s.StartedAt is not null).ToList();
        foreach (var s in ran)
            Assert.True(ran.Count(o => o.StartedAt <= s.StartedAt && o.FinishedAt > s.StartedAt) <= 2, $"more than 2 slots running at {s.StartedAt:O}");
    }

    [Fact]
    public async Task A_processor_that_throws_on_one_date_fails_one_slot_blocks_its_dependents_and_retry_reruns_exactly_that_slot()
    {
        var jan5 = Jan1.AddDays(4);
        Gauge.FailOn.Add(("a", jan5));
        var runner = Runner();
        var first = await runner.RunAsync(Whole(), null, Ct);

        Assert.Equal(RunStates.Failed, first.Run.State);
        var failed = Assert.Single(first.Failures);
        Assert.Equal(new SlotKey("a", jan5), failed.Key);
        Assert.Contains("boom", failed.Error);
        // c reads a over the last 3 days: Jan 5..8 are blocked, and d after them.
        var blocked = first.Slots.Where(s => s.Reason?.StartsWith(SkipReasons.UpstreamFailed, StringComparison.Ordinal) == true).Select(s => s.Key).ToHashSet();
        var expected = Enumerable.Range(0, 4).Select(i => jan5.AddDays(i)).SelectMany(d => new[] { new SlotKey("c", d), new SlotKey("d", d) }).ToHashSet();
        Assert.Equal(expected, blocked);
        Assert.All(first.Slots.Where(s => blocked.Contains(s.Key)), s => Assert.Contains("a 2024-01-05 failed", s.Reason));

        Gauge.FailOn.Clear();
        var before = first.Slots.ToDictionary(s => s.Key);
        var retried = await runner.RetryAsync(first.Run.RunId, failed: true, blocked: false, null, Ct);

        var changed = retried.Slots.Where(s => s.Attempts != before[s.Key].Attempts || s.FinishedAt != before[s.Key].FinishedAt).Select(s => s.Key).ToList();
        Assert.Equal([new SlotKey("a", jan5)], changed);
        Assert.Equal(2, retried.Slots.Single(s => s.Key == new SlotKey("a", jan5)).Attempts);
        Assert.Equal(SlotStatus.Success, retried.Slots.Single(s => s.Key == new SlotKey("a", jan5)).Status);

        var unblocked = await runner.RetryAsync(first.Run.RunId, failed: false, blocked: true, null, Ct);
        Assert.Equal(RunStates.Completed, unblocked.Run.State);
        Assert.Equal(await TablesAsync(Store), await UninterruptedTablesAsync());
    }

    [Fact]
    public async Task Bootstrap_days_are_skipped_with_their_reason_and_a_not_historical_processor_is_left_out_of_a_past_range()
    {
        var runner = Runner();
        var plan = await runner.PlanAsync(Whole(), Ct);
        var leftOut = Assert.Single(plan.LeftOut);
        Assert.Equal("e", leftOut.Processor);
        Assert.Contains("not historical", leftOut.Reason);

        var summary = await runner.RunAsync(Whole(), null, Ct);
        var bootstrap = summary.Slots.Where(s => s.Reason?.StartsWith(SkipReasons.Bootstrap, StringComparison.Ordinal) == true).Select(s => s.Key).ToHashSet();
        var firstTwoDays = new[] { Jan1, Jan1.AddDays(1), TestPipeline.Season2[0], TestPipeline.Season2[1] };
        Assert.Equal(firstTwoDays.SelectMany(d => new[] { new SlotKey("c", d), new SlotKey("d", d) }).ToHashSet(), bootstrap);
        Assert.DoesNotContain(summary.Slots, s => s.Processor == "e");
        Assert.Equal(0, summary.Count(SlotStatus.Failed));
    }

    [Fact]
    public async Task A_STOP_gate_after_a_phase_halts_the_next_phase()
    {
        var impossible = new VolumeGate { Name = "a_volume", Scope = "a", Table = "tp_a", DateColumn = "day", MinRowsPerDate = 5, MaxRowsPerDate = 10 };
        var summary = await Runner(impossible).RunAsync(Whole(), null, Ct);

        Assert.Equal(RunStates.Stopped, summary.Run.State);
        var gate = Assert.Single(summary.Gates);
        Assert.Equal(Verdict.Stop, gate.Verdict);
        Assert.All(summary.Slots.Where(s => s.Phase == 2), s => Assert.Equal(SlotStatus.Skipped, s.Status));
        Assert.All(summary.Slots.Where(s => s.Phase == 2 && s.Reason!.StartsWith(SkipReasons.Halted, StringComparison.Ordinal)), s => Assert.Contains("a_volume", s.Reason));
        Assert.Empty(await new SqlPartitionReader(Store).QueryAsync("SELECT day FROM tp_c", r => 1, Ct));
    }

    [Fact]
    public async Task A_sample_runs_first_and_the_full_range_follows_only_when_its_gates_pass()
    {
        var sample = Whole() with { SampleStart = Jan1.AddDays(2), SampleEnd = Jan1.AddDays(4) };
        var passing = new CoverageGate { Name = "a_coverage", Scope = "a", Table = "tp_a", DateColumn = "day", ProceedMinPct = 99, WarnMinPct = 90 };
        var ok = await Runner(passing).RunAsync(sample, null, Ct);
        Assert.Equal(RunStates.Completed, ok.Run.State);
        Assert.Contains(ok.Gates, g => g.Sample && g.Verdict == Verdict.Proceed);

        var nullRate = new NullRateGate { Name = "b_nulls", Scope = "b", Table = "tp_raw", DateColumn = "day", Column = "value", ProceedMaxPct = 5, WarnMaxPct = 10 };
        await Store.ExecuteAsync("UPDATE tp_raw SET value = NULL WHERE day >= @a", Ct, ("@a", Jan1.AddDays(2)));
        await Store.ExecuteAsync("DELETE FROM tp_a", Ct);
        var stopped = await Runner(nullRate).RunAsync(sample, null, Ct);
        Assert.Equal(RunStates.Stopped, stopped.Run.State);
        Assert.Equal(Verdict.Stop, Assert.Single(stopped.Gates).Verdict);
        Assert.True(Assert.Single(stopped.Gates).Sample);
        Assert.All(stopped.Slots.Where(s => s.Status == SlotStatus.Success), s => Assert.InRange(s.Date, Jan1.AddDays(2), Jan1.AddDays(4)));
    }

    [Fact]
    public async Task A_plan_whose_inputs_are_missing_cannot_succeed_and_is_refused_before_anything_runs()
    {
        var runner = Runner();
        var phase2Only = Whole() with { Processors = ["c", "d"] };
        var plan = await runner.PlanAsync(phase2Only, Ct);

        Assert.False(plan.Feasible);
        Assert.Contains(plan.Problems, p => p.Contains("tp_a rows on", StringComparison.Ordinal) || p.Contains("a rows on", StringComparison.Ordinal));
        await Assert.ThrowsAsync<PlanInfeasibleException>(() => runner.RunAsync(phase2Only, null, Ct));
        Assert.Empty(await Store.ListRunsAsync("c+d", 10, Ct));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_at_its_first_unfinished_slot_and_ends_identical_to_an_uninterrupted_one()
    {
        var runner = Runner();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var observer = new StopAfter(12, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(Whole(), observer, stop.Token));

        var run = Assert.Single(await Store.ListRunsAsync("tp", 10, Ct));
        Assert.Equal(RunStates.Interrupted, run.State);
        var before = (await Store.SlotsAsync(run.RunId, Ct)).Where(s => s.Status == SlotStatus.Success).ToDictionary(s => s.Key, s => s.FinishedAt);
        Assert.InRange(before.Count, 8, 20);

        var resumed = await runner.ResumeAsync(run.RunId, null, Ct);
        Assert.Equal(RunStates.Completed, resumed.Run.State);
        Assert.All(resumed.Slots.Where(s => before.ContainsKey(s.Key)), s => Assert.Equal(before[s.Key], s.FinishedAt));
        Assert.Equal(await UninterruptedTablesAsync(), await TablesAsync(Store));
    }

    [Fact]
    public async Task Running_the_same_dates_again_replaces_partitions_and_leaves_the_tables_unchanged()
    {
        var runner = Runner();
        await runner.RunAsync(Whole(), null, Ct);
        var once = await TablesAsync(Store);
        await runner.RunAsync(Whole() with { Dates = [Jan1.AddDays(4), Jan1.AddDays(5)], StartDate = null, EndDate = null }, null, Ct);
        Assert.Equal(once, await TablesAsync(Store));
    }

    private async Task<Dictionary<(string, DateOnly), long?>> UninterruptedTablesAsync()
    {
        await using var other = await factory.CreateAsync(Ct);
        await TestPipeline.SeedAsync(other.Store, Ct);
        await new PipelineRunner(other.Store, new PipelineCatalog([TestPipeline.Build(new SlotGauge { Delay = TimeSpan.Zero })]), TimeProvider.System).RunAsync(Whole(), null, Ct);
        return await TablesAsync(other.Store);
    }

    private sealed class StopAfter(int slots, CancellationTokenSource stop) : IPipelineObserver
    {
        public void PhaseStarting(string segment, PhaseSpec phase, int count) { }
        public void SlotFinished(SlotProgress progress)
        {
            if (progress.Done >= slots) stop.Cancel();
        }
        public void GateEvaluated(GateResult result) { }
    }
}
