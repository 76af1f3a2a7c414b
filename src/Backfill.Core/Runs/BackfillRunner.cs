using System.Diagnostics;
using System.Text.Json;
using Backfill.Core.Jobs;
using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>
/// The run loop: keyset-paged reads up to the maximum key seen at start, pure computation,
/// one short NULL-guarded write transaction per batch carrying the checkpoint, and the ledger.
/// Batches are sized by time (or fixed), and the loop gives way to live traffic: it pauses or stops
/// on load, keeps a duty cycle, and retries a batch that hit a per-batch timeout smaller.
/// </summary>
public sealed class BackfillRunner(SqlStore store, JobCatalog catalog, TimeProvider clock)
{
    /// <summary>Row errors kept per run; further ones are only counted (error:timeout keys excepted).</summary>
    public const int MaxStoredErrors = 1000;

    /// <summary>The row error reason of a key in a failed range (counted as "error:timeout").</summary>
    public const string TimeoutReason = "timeout";

    public async Task<RunResult> RunAsync(RunRequest request, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        request.Validate();
        var job = request.Job;
        var processor = catalog.ProcessorOf(job);
        var computer = processor.Bind(job.Target.Columns.Select(c => c.Output).ToList());

        RunRecord? run = null;
        if (request.Resume)
        {
            run = await store.FindUnfinishedRunAsync(job.Name, ct)
                ?? throw new InvalidOperationException($"Job '{job.Name}' has no unfinished run to resume.");
        }
        var settings = run?.Settings ?? request.Settings;
        // Before the first scan: the statistics queries are the heaviest the run sends.
        var cpuShare = CpuShare.For(settings);
        if (cpuShare is not null) await cpuShare.ApplyAsync(store, ct);
        var sql = await store.PrepareAsync(job, processor, new TimeWindow(settings.From, settings.To), ct);

        NullStats? before = run?.NullsBefore;
        long? total = run?.CandidatesAtStart;
        // A whole-table run counts while its first batches are written, on a snapshot taken before them.
        await using var counting = run is null && !request.DryRun && sql.Window == TimeWindow.All
            ? await StatisticsBefore.SnapshotAsync(store, sql, cpuShare, ct)
            : null;
        if (counting is not null)
        {
            run = await store.CreateRunAsync(job.Name, settings, counting.Bounds, null, null, ct);
            counting.Start(run.RunId, sql);
        }
        else if (run is null)
        {
            (before, var bounds, var candidates) = await StatisticsBeforeAsync(store, sql, cpuShare, ct);
            total = candidates;
            run = request.DryRun
                ? DryRunRecord(job.Name, settings, bounds, candidates, before)
                : await store.CreateRunAsync(job.Name, settings, bounds, candidates, before, ct);
        }
        long? Total()
        {
            var known = counting?.Candidates ?? total;
            return known is { } t && settings.Limit is { } cap ? Math.Min(t, cap) : known;
        }

        var loop = new Loop(store, sql, new BatchPlanner(computer, sql.Targets.Count, settings.Overwrite), request.DryRun, clock, progress, Total, cpuShare)
        {
            CountingBackend = counting?.BackendId,
        };
        try
        {
            var finished = await loop.RunAsync(run, settings, ct);
            var throttling = finished.Summary(settings);
            NullStats? after = null;
            // After a clean stop under load the count is not waited for: the run's before figures stay unknown.
            if (counting is not null && await counting.ResultAsync(wait: finished.StoppedBy is null) is { } counted)
                before = counted.Nulls;
            if (!request.DryRun)
            {
                if (finished.StoppedBy is { } stop)
                {
                    // A clean stop: the last committed batch is the checkpoint, as after Ctrl+C, with the reason.
                    await store.FinishRunAsync(run.RunId, RunStates.Interrupted, null,
                        $"stopped: {stop}; continue with --resume{(throttling.Describe() is { } d ? $"; {d}" : "")}", CancellationToken.None);
                }
                else
                {
                    after = await store.NullStatsAsync(sql, CancellationToken.None);
                    await store.FinishRunAsync(run.RunId, RunStates.Completed, after, throttling.Describe(), CancellationToken.None);
                }
            }
            var record = request.DryRun ? null : await store.GetRunAsync(run.RunId, CancellationToken.None);
            return new RunResult
            {
                Run = record,
                Job = job.Name,
                DryRun = request.DryRun,
                Resumed = request.Resume,
                Processed = finished.Processed,
                Updated = finished.Tally.Updated,
                Inserted = finished.Tally.Inserted,
                Skipped = finished.Tally.Skipped,
                Errors = finished.Tally.Errors,
                Batches = finished.Batches,
                Reasons = finished.Tally.Reasons,
                SampleErrors = request.DryRun ? finished.DryErrors : await store.RowErrorsAsync(run.RunId, 20, CancellationToken.None),
                NullsBefore = before,
                NullsAfter = after,
                Elapsed = finished.Elapsed,
                StoppedBy = finished.StoppedBy,
                Throttling = throttling,
            };
        }
        catch (OperationCanceledException) when (!request.DryRun)
        {
            await RunFailure.RecordAsync(store, run.RunId, RunStates.Interrupted, "interrupted; continue with --resume");
            throw;
        }
        catch (CheckpointConflictException)
        {
            throw; // the other process owns the run: leave its state alone
        }
        catch (Exception e) when (!request.DryRun)
        {
            await RunFailure.RecordAsync(store, run.RunId, RunStates.Failed, RunFailure.Describe(e));
            throw;
        }
    }

    /// <summary>The NULL counts, the key bounds and the candidates at the start of a run.</summary>
    private static async Task<(NullStats Nulls, (long Min, long Max)? Bounds, long Candidates)> StatisticsBeforeAsync(
        SqlStore store, JobSql sql, CpuShare? cpuShare, CancellationToken ct)
    {
        // The whole table: both come from one scan.
        if (sql.Window == TimeWindow.All) return await store.NullStatsAndCandidatesAsync(sql, ct);

        // A window: two scans, each on its own connection at the same time (on a thread of its own: an embedded
        // store's "async" calls run synchronously).
        await using var side = await store.OpenSiblingAsync(ct);
        if (cpuShare is not null) await cpuShare.ApplyAsync(side, ct);
        var counting = Task.Run(() => CountCandidatesAsync(side, sql, ct), ct);
        var nulls = await store.NullStatsAsync(sql, ct);
        var (bounds, candidates) = await counting;
        return (nulls, bounds, candidates);
    }

    private static async Task<((long Min, long Max)? Bounds, long Candidates)> CountCandidatesAsync(SqlStore store, JobSql sql, CancellationToken ct)
    {
        var bounds = await store.BoundsAsync(sql, ct);
        return (bounds, bounds is null ? 0 : await store.CountCandidatesAsync(sql, bounds.Value.Min - 1, bounds.Value.Max, ct));
    }

    private RunRecord DryRunRecord(string job, RunSettings settings, (long Min, long Max)? bounds, long total, NullStats? before) => new()
    {
        RunId = 0,
        Job = job,
        State = RunStates.Running,
        StartedAt = clock.GetUtcNow().UtcDateTime,
        Settings = settings,
        MinKey = bounds?.Min,
        MaxKey = bounds?.Max,
        CheckpointKey = bounds is null ? 0 : bounds.Value.Min - 1,
        CandidatesAtStart = total,
        NullsBefore = before,
    };

    /// <summary>
    /// State of one pass over the candidates. Before each batch's write the throttle may pause or stop
    /// the run; each batch's size comes from the <see cref="BatchSizeController"/>; a batch that hits a
    /// per-batch timeout is rolled back and its range re-read at half the size, down to the minimum,
    /// where it is recorded as a failed range (every key that needed a write: error:timeout) and the
    /// checkpoint moves past it.
    /// </summary>
    private sealed class Loop(SqlStore store, JobSql sql, BatchPlanner planner, bool dryRun, TimeProvider clock,
        IProgress<RunProgress>? progress, Func<long?> total, CpuShare? cpuShare)
    {
        private readonly List<FailedRange> _failedRanges = [];
        private BatchSizeController? _sizer;
        private ThrottleGate? _gate;
        private int _timeouts;
        private int _smallest;
        private int _largest;
        private TimeSpan _dutySleep;

        /// <summary>The server session counting the table before the run: the run's own, not load on the server.</summary>
        public int? CountingBackend { get; init; }
        public long Processed { get; private set; }
        public long Batches { get; private set; }
        public OutcomeTally Tally { get; private set; } = new();
        public TimeSpan Elapsed { get; private set; }
        public List<RowError> DryErrors { get; } = [];
        /// <summary>Why the throttle stopped the run; null when it ran to its end.</summary>
        public string? StoppedBy { get; private set; }

        public ThrottleSummary Summary(RunSettings settings) => new()
        {
            Batching = settings.DescribeBatching(),
            SmallestBatch = _smallest,
            LargestBatch = _largest,
            LastBatchSize = _sizer?.Size ?? 0,
            Pauses = _gate?.Pauses ?? 0,
            PausedSeconds = _gate?.Paused.TotalSeconds ?? 0,
            PauseReason = _gate?.FirstPauseReason,
            DutySleepSeconds = _dutySleep.TotalSeconds,
            CpuShare = cpuShare?.Describe(),
            Timeouts = _timeouts,
            FailedRanges = _failedRanges,
        };

        public async Task<Loop> RunAsync(RunRecord run, RunSettings settings, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            Tally = new OutcomeTally(run.Reasons);
            // Counters of a resumed run continue from the ledger, so its totals equal an uninterrupted run's.
            Tally.AddUpdated(run.Updated);
            Tally.AddInserted(run.Inserted);
            Processed = run.Processed;
            Batches = run.Batches;
            var storedErrors = run.Errors;
            var sizer = _sizer = new BatchSizeController(settings.Sizing());
            var throttle = settings.Throttle();
            var timeouts = settings.Timeouts();
            if (run.MaxKey is not { } max) { Elapsed = watch.Elapsed; return this; }
            var after = run.CheckpointKey ?? long.MinValue;

            // Batches are read and computed ahead on a second connection while this one writes (see
            // BatchFeed): the database and the engine work at the same time. Under a duty cycle nothing
            // runs ahead: the loop reads, computes, writes, then sleeps, so the database rests.
            await using var reader = await store.OpenSiblingAsync(ct);
            var probe = throttle.UsesLoad
                ? await store.OpenLoadProbeAsync(new[] { store.BackendId, reader.BackendId, CountingBackend }.OfType<int>().ToList(), ct)
                : NullLoadProbe.Instance;
            await using var probeLease = probe;
            var gate = _gate = new ThrottleGate(probe, new ThrottlePolicy(throttle), clock);
            var ahead = throttle.DutyCycle is null or >= 1;
            if (cpuShare is not null) await cpuShare.ApplyAsync(reader, ct);

            BatchFeed Feed(long from, int firstSize) => new(
                (a, size, token) => reader.ReadAsync(sql, a, max, size, candidatesOnly: !settings.Overwrite, token),
                planner, from, firstSize, () => sizer.Size, (settings.Limit ?? long.MaxValue) - Processed, ahead, clock, ct);

            var feed = Feed(after, sizer.Size);
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var waitStart = clock.GetTimestamp();
                    if (await feed.NextAsync() is not { } next) break;
                    var (rows, plan) = (next.Rows, next.Plan);
                    var readWait = clock.GetElapsedTime(waitStart);
                    var lastKey = rows.Keys[rows.Count - 1];

                    if (throttle.UsesLoad && await gate.WaitAsync(Report, ct) is { } stop)
                    {
                        StoppedBy = stop; // these rows are not written: the checkpoint stays before them
                        break;
                    }

                    var started = clock.GetTimestamp();
                    var timedOut = await WriteAsync(rows, plan, lastKey, readWait);
                    // What the batch cost the engine: computing it and writing it (reading overlaps, unless not ahead).
                    var busy = next.ComputeTime + clock.GetElapsedTime(started);
                    _smallest = _smallest == 0 ? rows.Count : Math.Min(_smallest, rows.Count);
                    _largest = Math.Max(_largest, rows.Count);

                    if (timedOut is not null)
                    {
                        _timeouts++;
                        sizer.Next(BatchObservation.Timeout(rows.Count, busy));
                        // Batches read ahead start after a batch that did not commit: drop them.
                        await feed.DisposeAsync();
                        if (sizer.RetrySize(rows.Count) is { } retry)
                        {
                            feed = Feed(after, retry); // rolled back: the same range again, smaller
                        }
                        else
                        {
                            await RecordFailedRangeAsync(rows, lastKey, timedOut);
                            Advance(rows, lastKey);
                            feed = Feed(after, sizer.Size);
                        }
                    }
                    else
                    {
                        sizer.Next(BatchObservation.Completed(rows.Count, busy));
                        Advance(rows, lastKey);
                    }

                    var sleep = DutyCycle.SleepAfter(next.ReadTime + busy, throttle.DutyCycle);
                    if (sleep > TimeSpan.Zero)
                    {
                        await Task.Delay(sleep, clock, ct);
                        _dutySleep += sleep;
                    }
                }
            }
            finally
            {
                await feed.DisposeAsync();
            }
            Elapsed = watch.Elapsed;
            return this;

            void Advance(RowBatch rows, long lastKey)
            {
                cpuShare?.ApplyToEngine();
                after = lastKey;
                Processed += rows.Count;
                Batches++;
                Report(null);
            }

            void Report(string? paused) =>
                progress?.Report(new RunProgress(Processed, total(), Tally.Updated, Tally.Inserted, Tally.Skipped, Tally.Errors, watch.Elapsed)
                {
                    Paused = paused,
                    BatchSize = sizer.Size,
                });

            // Null when the batch committed (or, in a dry run, was counted); the failure when the database
            // enforced a per-batch limit: the transaction is rolled back and nothing of the batch is counted.
            async Task<BatchTimeoutFailure?> WriteAsync(RowBatch rows, BatchPlanner.Plan plan, long lastKey, TimeSpan readWait)
            {
                var started = clock.GetTimestamp();
                var batchTally = new OutcomeTally();
                batchTally.Add(plan.Tally);
                long updated, inserted;

                if (dryRun)
                {
                    updated = plan.Writes.UpdateKeys.Count;
                    inserted = plan.Writes.InsertKeys.Count;
                    DryErrors.AddRange(plan.Errors.Take(20 - DryErrors.Count).Select(e => new RowError(0, e.Key, e.Reason, e.Message)));
                }
                else
                {
                    var keep = (int)Math.Max(0, Math.Min(plan.Errors.Count, MaxStoredErrors - storedErrors));
                    try
                    {
                        await using var tx = await store.BeginBatchAsync(timeouts, ct);
                        var result = plan.Writes.IsEmpty ? new WriteResult(new HashSet<long>(), new HashSet<long>()) : await tx.WriteAsync(sql, plan.Writes, settings.Overwrite, ct);
                        updated = result.Updated.Count;
                        inserted = result.Inserted.Count;
                        var lost = plan.Writes.UpdateKeys.Count + plan.Writes.InsertKeys.Count - updated - inserted;
                        if (lost > 0) batchTally.AddSkipped("filled_concurrently", lost);

                        var errors = plan.Errors.Take(keep).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message)).ToList();
                        var merged = new OutcomeTally(Tally.Reasons);
                        merged.Add(batchTally);
                        var batch = new BatchRecord(run.RunId, Batches + 1, rows.Keys[0], lastKey, rows.Count, updated, inserted,
                            batchTally.Skipped, batchTally.Errors, (readWait + clock.GetElapsedTime(started)).TotalMilliseconds, clock.GetUtcNow().UtcDateTime);
                        await tx.RecordAsync(run with { CheckpointKey = after }, batch, JsonSerializer.Serialize(merged.Reasons), errors, ct);
                        await tx.CommitAsync(ct);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested && store.TimeoutKindOf(e) is not BatchTimeoutKind.None)
                    {
                        return new BatchTimeoutFailure(store.TimeoutKindOf(e), e.Message, plan);
                    }
                    storedErrors += keep;
                }

                batchTally.AddUpdated(updated);
                batchTally.AddInserted(inserted);
                Tally.Add(batchTally);
                return null;
            }

            // The range still timed out at the minimum size: record it without its writes and move the
            // checkpoint past it, so the run goes on. Rows the processor skipped or failed keep their own
            // reasons; every row that needed a write is error:timeout, all stored whatever the error cap.
            async Task RecordFailedRangeAsync(RowBatch rows, long lastKey, BatchTimeoutFailure failure)
            {
                var plan = failure.Plan;
                var writeKeys = plan.Writes.UpdateKeys.Concat(plan.Writes.InsertKeys).Order().ToList();
                var batchTally = new OutcomeTally();
                batchTally.Add(plan.Tally);
                batchTally.AddError(TimeoutReason, writeKeys.Count);
                var what = failure.Kind == BatchTimeoutKind.LockTimeout ? "lock_timeout" : "statement_timeout";
                var message = $"{what} in keys {rows.Keys[0]}..{lastKey} ({rows.Count} rows) at the minimum batch size ({failure.Message}); "
                    + "not written, run the job again to fill it";
                var keep = (int)Math.Max(0, Math.Min(plan.Errors.Count, MaxStoredErrors - storedErrors));
                var errors = plan.Errors.Take(keep).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message))
                    .Concat(writeKeys.Select(k => new RowError(run.RunId, k, TimeoutReason, message)))
                    .ToList();

                var merged = new OutcomeTally(Tally.Reasons);
                merged.Add(batchTally);
                var batch = new BatchRecord(run.RunId, Batches + 1, rows.Keys[0], lastKey, rows.Count, 0, 0,
                    batchTally.Skipped, batchTally.Errors, 0, clock.GetUtcNow().UtcDateTime);
                // The ledger alone, without the batch's limits: it touches none of the rows that were locked.
                await using (var tx = await store.BeginBatchAsync(BatchTimeouts.None, ct))
                {
                    await tx.RecordAsync(run with { CheckpointKey = after }, batch, JsonSerializer.Serialize(merged.Reasons), errors, ct);
                    await tx.CommitAsync(ct);
                }
                storedErrors += keep + writeKeys.Count;
                Tally.Add(batchTally);
                _failedRanges.Add(new FailedRange(rows.Keys[0], lastKey, rows.Count, writeKeys.Count, what));
            }
        }

        private sealed record BatchTimeoutFailure(BatchTimeoutKind Kind, string Message, BatchPlanner.Plan Plan);
    }
}
