using System.Diagnostics;
using System.Text.Json;
using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Pipelines;

/// <summary>What a partitioned run reports as it goes (the CLI prints it).</summary>
public interface IPipelineObserver
{
    void PhaseStarting(string segment, PhaseSpec phase, int slots);
    void SlotFinished(SlotProgress progress);
    void GateEvaluated(GateResult result);
}

/// <summary>The plan could not succeed, so nothing was started.</summary>
public sealed class PlanInfeasibleException(Plan plan) : Exception("The plan cannot succeed:\n  " + string.Join("\n  ", plan.Problems))
{
    public Plan Plan { get; } = plan;
}

/// <summary>
/// Runs a partitioned plan: season by season, phase by phase (processors of a phase in parallel up to --parallel,
/// slot by slot after their upstream), gates after each phase; a STOP halts everything after it. The ledger holds
/// every slot, so a killed run resumes at its first unfinished slot and failed slots can be retried alone.
/// </summary>
public sealed class PipelineRunner(SqlStore store, PipelineCatalog catalog, TimeProvider clock)
{
    public Task<Plan> PlanAsync(PipelineRequest request, CancellationToken ct) =>
        new Planner(store, clock).PlanAsync(catalog.Get(request.Pipeline), request, ct);

    public async Task<PipelineRunSummary> RunAsync(PipelineRequest request, IPipelineObserver? observer, CancellationToken ct)
    {
        var plan = await PlanAsync(request, ct);
        if (!plan.Feasible) throw new PlanInfeasibleException(plan);
        var run = await store.CreatePipelineRunAsync(request.JobName, JsonSerializer.Serialize(request, PipelineRequest.StoredJson), ct);
        return await ExecuteAsync(run.RunId, plan, null, observer, ct);
    }

    /// <summary>Continues an unfinished run with its original settings: finished slots stay, the rest run.</summary>
    public async Task<PipelineRunSummary> ResumeAsync(long runId, IPipelineObserver? observer, CancellationToken ct)
    {
        var (run, request) = await LoadAsync(runId, ct);
        if (!run.IsUnfinished) throw new InvalidOperationException($"Run {runId} is {run.State}; only a running or interrupted run can be resumed (use 'backfill retry {runId} --failed' for failed slots).");
        var plan = await PlanAsync(request, ct);
        await store.ReopenRunAsync(runId, ct);
        return await ExecuteAsync(runId, plan, null, observer, ct);
    }

    /// <summary>Runs again only the failed slots (and, with <paramref name="blocked"/>, the slots they blocked), with the run's settings.</summary>
    public async Task<PipelineRunSummary> RetryAsync(long runId, bool failed, bool blocked, IPipelineObserver? observer, CancellationToken ct)
    {
        var (_, request) = await LoadAsync(runId, ct);
        var plan = await PlanAsync(request, ct);
        var slots = await store.SlotsAsync(runId, ct);
        var chosen = slots.Where(s => (failed && s.Status == SlotStatus.Failed)
                || (blocked && s.Status == SlotStatus.Skipped && s.Reason?.StartsWith(SkipReasons.UpstreamFailed, StringComparison.Ordinal) == true))
            .Select(s => s.Key).Where(plan.Slots.ContainsKey).ToList();
        await store.ReopenRunAsync(runId, ct);
        await store.ResetSlotsAsync(runId, chosen, ct);
        return await ExecuteAsync(runId, plan, chosen.ToHashSet(), observer, ct);
    }

    public async Task<(RunRecord Run, PipelineRequest Request)> LoadAsync(long runId, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct) ?? throw new ArgumentException($"There is no run {runId} (see 'backfill history').");
        var request = PipelineRequest.FromRun(run);
        if (request is null) throw new ArgumentException($"Run {runId} is a run of job '{run.Job}', not of a pipeline.");
        return (run, request);
    }

    /// <param name="only">Retry: run exactly these slots; otherwise every unfinished slot of the plan.</param>
    private async Task<PipelineRunSummary> ExecuteAsync(long runId, Plan plan, HashSet<SlotKey>? only, IPipelineObserver? observer, CancellationToken ct)
    {
        await store.AddSlotsAsync(runId, plan.Slots.Values.Select(s => (s.Key, s.Phase, s.Status, s.Reason)), ct);
        var states = (await store.SlotsAsync(runId, ct)).ToDictionary(s => s.Key, s => new SlotState(s.Status, s.Reason));
        var todo = only ?? states.Where(s => !SlotStatus.IsTerminal(s.Value.Status) && plan.Slots.ContainsKey(s.Key)).Select(s => s.Key).ToHashSet();
        var gates = new GateEvaluator(store, plan);
        var recorded = (await store.GateResultsAsync(runId, ct)).Select(g => (g.Gate, g.From, g.To, g.Sample)).ToHashSet();
        var workers = new List<SlotWorker>();
        try
        {
            for (var i = 0; i < plan.Request.Parallel; i++)
                workers.Add(new SlotWorker(await store.OpenSiblingAsync(ct), plan.Pipeline, plan.Calendar, runId));
            var progress = observer is null ? null : new SyncProgress(observer, plan.Request.ProgressEvery, todo.Count);
            var scheduler = new SlotScheduler(plan, store, workers, states, runId, progress);
            var elapsed = Stopwatch.StartNew();
            var done = 0;
            var segments = new List<(string Name, DateOnly From, DateOnly To, bool Sample)>();
            if (plan.Request.HasSample && only is null)
                segments.Add(($"sample {plan.Request.SampleStart:yyyy-MM-dd}..{plan.Request.SampleEnd:yyyy-MM-dd}", plan.Request.SampleStart!.Value, plan.Request.SampleEnd!.Value, true));
            segments.AddRange(plan.SeasonsInPlan.Select(s => ($"season {s.Label}", Max(s.Start, plan.Request.From), Min(s.End, plan.Request.To), false)));

            foreach (var segment in segments)
            {
                foreach (var phase in plan.PhasesInPlan)
                {
                    var keys = todo.Where(k => k.Date >= segment.From && k.Date <= segment.To && plan.Slots[k].Phase == phase.Number).ToList();
                    if (keys.Count > 0)
                    {
                        observer?.PhaseStarting(segment.Name, phase, keys.Count);
                        await scheduler.ExecuteAsync(keys, done, todo.Count, elapsed, ct);
                        await store.SummarizePipelineRunAsync(runId, ct); // counters and heartbeat for 'status' while it runs
                        done += keys.Count;
                        todo.ExceptWith(keys);
                    }
                    else if (only is not null) continue;
                    foreach (var gate in gates.GatesAfter(phase))
                    {
                        if (keys.Count == 0 && recorded.Contains((gate.Name, segment.From, segment.To, segment.Sample))) continue;
                        var result = await gates.EvaluateAsync(gate, segment.From, segment.To, segment.Sample, ct);
                        await store.RecordGateAsync(runId, result, ct);
                        recorded.Add((gate.Name, segment.From, segment.To, segment.Sample));
                        observer?.GateEvaluated(result);
                        if (result.Verdict == Verdict.Stop)
                            return await HaltAsync(runId, todo, $"gate {gate.Name} said STOP on {segment.Name} after phase {phase.Number}: {result.Detail}", ct);
                    }
                }
            }
            return await FinishAsync(runId, ct);
        }
        catch (OperationCanceledException)
        {
            await InterruptAsync(runId, "interrupted; resume with --resume");
            throw;
        }
        catch (Exception e)
        {
            // The run's own connection failing (a restart, a cut session) must not leave it "running" without a cause.
            await InterruptAsync(runId, $"stopped by an error: {RunFailure.Describe(e)}; resume with --resume");
            throw;
        }
        finally
        {
            foreach (var w in workers) await w.Store.DisposeAsync();
        }
    }

    /// <summary>Leaves the run resumable with why it stopped; its counters are brought up to date if the connection still works.</summary>
    private async Task InterruptAsync(long runId, string why)
    {
        try
        {
            await store.SummarizePipelineRunAsync(runId, CancellationToken.None);
        }
        catch (Exception)
        {
            // A resume summarizes again; the state and the cause below matter more.
        }
        await RunFailure.RecordAsync(store, runId, RunStates.Interrupted, why);
    }

    private async Task<PipelineRunSummary> HaltAsync(long runId, IEnumerable<SlotKey> remaining, string why, CancellationToken ct)
    {
        foreach (var key in remaining)
            await store.FinishSlotAsync(runId, key, SlotStatus.Skipped, $"{SkipReasons.Halted}: {why}", 0, 0, null, null, null, ct);
        await store.SummarizePipelineRunAsync(runId, ct);
        await store.FinishRunAsync(runId, RunStates.Stopped, null, why, ct);
        return await PipelineRunSummary.LoadAsync(store, runId, ct);
    }

    private async Task<PipelineRunSummary> FinishAsync(long runId, CancellationToken ct)
    {
        await store.SummarizePipelineRunAsync(runId, ct);
        var failed = (await store.SlotsAsync(runId, ct)).Count(s => s.Status == SlotStatus.Failed);
        await store.FinishRunAsync(runId, failed == 0 ? RunStates.Completed : RunStates.Failed, null,
            failed == 0 ? null : $"{failed} slot(s) failed; rerun them with 'backfill retry {runId} --failed'", ct);
        return await PipelineRunSummary.LoadAsync(store, runId, ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // Reports on the caller's thread order, every N slots and at the end, plus every failure.
    private sealed class SyncProgress(IPipelineObserver observer, int every, int total) : IProgress<SlotProgress>
    {
        public void Report(SlotProgress value)
        {
            if (value.Done % every == 0 || value.Done == total || value.Status == SlotStatus.Failed)
                observer.SlotFinished(value with { Total = total });
        }
    }
}
