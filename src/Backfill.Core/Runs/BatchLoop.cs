using System.Diagnostics;
using System.Text.Json;
using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>
/// One pass over the candidates. Before each batch's write the throttle may pause or stop the run;
/// each batch's size comes from the <see cref="BatchSizeController"/>; a batch that hits a per-batch
/// timeout is rolled back and its range re-read at half the size, down to the minimum, where it is
/// recorded as a failed range (every key that needed a write: error:timeout) and the checkpoint moves
/// past it. With several writers (<c>--writers</c>), consecutive batches (disjoint key ranges) are written
/// at once, each on a session of its own, but commit in key order (<see cref="BatchWrite"/>), so the
/// checkpoint and the ledger read exactly as with one writer.
/// </summary>
internal sealed class BatchLoop(SqlStore store, JobSql sql, BatchPlanner planner, bool dryRun, TimeProvider clock,
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

    public async Task<BatchLoop> RunAsync(RunRecord run, RunSettings settings, CancellationToken ct)
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
        var ahead = throttle.DutyCycle is null or >= 1;
        BatchFeed Feed(long from, int firstSize) => new(
            (a, size, token) => reader.ReadAsync(sql, a, max, size, candidatesOnly: !settings.Overwrite, token),
            planner, from, firstSize, () => sizer.Size, (settings.Limit ?? long.MaxValue) - Processed, ahead, clock, ct);

        var writers = new List<SqlStore> { store };
        var inFlight = new Queue<InFlight>();
        BatchFeed? feed = null;
        try
        {
            // A dry run writes nothing: one "writer" counts in order.
            for (var i = 1; i < (dryRun ? 1 : settings.WriterCount); i++) writers.Add(await store.OpenSiblingAsync(ct));
            var own = writers.Select(w => w.BackendId).Append(reader.BackendId).Append(CountingBackend).OfType<int>().ToList();
            var probe = throttle.UsesLoad ? await store.OpenLoadProbeAsync(own, ct) : NullLoadProbe.Instance;
            await using var probeLease = probe;
            var gate = _gate = new ThrottleGate(probe, new ThrottlePolicy(throttle), clock);
            if (cpuShare is not null)
                foreach (var session in writers.Skip(1).Append(reader)) await cpuShare.ApplyAsync(session, ct);

            var write = new BatchWrite(sql, run, settings.Overwrite, timeouts, dryRun, clock, ct);
            // What the next batch dispatched may expect: the checkpoint and ledger after every batch before it.
            var chain = BatchWrite.Start(after, Tally, storedErrors);
            var feedDone = false;
            feed = Feed(after, sizer.Size);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var dispatching = StoppedBy is null && !feedDone;
                if (inFlight.Count > 0 && (inFlight.Count == writers.Count || !dispatching))
                {
                    if (!await SettleAsync(inFlight.Dequeue()))
                    {
                        // The batch did not commit: those after it rolled back, the feed restarted at the checkpoint.
                        chain = BatchWrite.Start(after, Tally, storedErrors);
                        feedDone = false;
                    }
                    continue;
                }
                if (!dispatching) break;

                var waitStart = clock.GetTimestamp();
                if (await feed.NextAsync() is not { } next)
                {
                    feedDone = true;
                    continue;
                }
                var readWait = clock.GetElapsedTime(waitStart);

                if (throttle.UsesLoad && await gate.WaitAsync(Report, ct) is { } stop)
                {
                    StoppedBy = stop; // these rows are not written: the checkpoint stays before them
                    continue;         // the batches already in flight still commit
                }

                var batchNo = Batches + inFlight.Count + 1;
                var pending = write.Start(writers[(int)(batchNo % writers.Count)], next, batchNo, readWait, chain);
                chain = pending.Committed;
                inFlight.Enqueue(new InFlight(next, pending.Outcome));
            }
        }
        finally
        {
            await DrainAsync();
            if (feed is not null) await feed.DisposeAsync();
            foreach (var extra in writers.Skip(1)) await extra.DisposeAsync();
        }
        Elapsed = watch.Elapsed;
        return this;

        // Waits for the batches still in flight without counting them: each rolls back once the one before it did not commit.
        async Task DrainAsync()
        {
            while (inFlight.Count > 0)
            {
                try { await inFlight.Dequeue().Outcome; }
                catch (Exception) { /* not counted: the batch before it failed first, and that failure is what the run reports */ }
            }
        }

        // Counts a batch once it has committed, in key order. False when it timed out and the feed was restarted.
        async Task<bool> SettleAsync(InFlight item)
        {
            var (next, pending) = item;
            var outcome = await pending;
            if (outcome.Aborted) throw new InvalidOperationException("A batch rolled back after the one before it failed was counted.");
            var rows = next.Rows;
            var lastKey = rows.Keys[rows.Count - 1];
            // What the batch cost the engine: computing it and writing it (reading overlaps, unless not ahead).
            var busy = next.ComputeTime + outcome.WriteTime;
            _smallest = _smallest == 0 ? rows.Count : Math.Min(_smallest, rows.Count);
            _largest = Math.Max(_largest, rows.Count);

            if (outcome.Timeout is { } timedOut)
            {
                _timeouts++;
                sizer.Next(BatchObservation.Timeout(rows.Count, busy));
                // Batches read ahead start after a batch that did not commit: drop them.
                await feed!.DisposeAsync();
                await DrainAsync();
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
                return false;
            }

            sizer.Next(BatchObservation.Completed(rows.Count, busy));
            Tally.Add(outcome.Tally!);
            if (dryRun) DryErrors.AddRange(next.Plan.Errors.Take(20 - DryErrors.Count).Select(e => new RowError(0, e.Key, e.Reason, e.Message)));
            storedErrors += outcome.StoredErrors;
            Advance(rows, lastKey);

            var sleep = DutyCycle.SleepAfter(next.ReadTime + busy, throttle.DutyCycle);
            if (sleep > TimeSpan.Zero)
            {
                await Task.Delay(sleep, clock, ct);
                _dutySleep += sleep;
            }
            return true;
        }

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

        // The range still timed out at the minimum size: record it without its writes and move the
        // checkpoint past it, so the run goes on. Rows the processor skipped or failed keep their own
        // reasons; every row that needed a write is error:timeout, all stored whatever the error cap.
        async Task RecordFailedRangeAsync(RowBatch rows, long lastKey, BatchWrite.TimeoutFailure failure)
        {
            var plan = failure.Plan;
            var writeKeys = plan.Writes.UpdateKeys.Concat(plan.Writes.InsertKeys).Order().ToList();
            var batchTally = new OutcomeTally();
            batchTally.Add(plan.Tally);
            batchTally.AddError(BackfillRunner.TimeoutReason, writeKeys.Count);
            var what = failure.Kind == BatchTimeoutKind.LockTimeout ? "lock_timeout" : "statement_timeout";
            var message = $"{what} in keys {rows.Keys[0]}..{lastKey} ({rows.Count} rows) at the minimum batch size ({failure.Message}); "
                + "not written, run the job again to fill it";
            var keep = (int)Math.Max(0, Math.Min(plan.Errors.Count, BackfillRunner.MaxStoredErrors - storedErrors));
            var errors = plan.Errors.Take(keep).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message))
                .Concat(writeKeys.Select(k => new RowError(run.RunId, k, BackfillRunner.TimeoutReason, message)))
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

    private sealed record InFlight(ComputedBatch Batch, Task<BatchWrite.Outcome> Outcome);
}
