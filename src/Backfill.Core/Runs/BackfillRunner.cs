using System.Diagnostics;
using System.Text.Json;
using Backfill.Core.Jobs;
using Backfill.Core.Sql;

namespace Backfill.Core.Runs;

/// <summary>
/// The run loop: keyset-paged reads up to the maximum key seen at start, pure computation,
/// one short NULL-guarded write transaction per batch carrying the checkpoint, and the ledger.
/// </summary>
public sealed class BackfillRunner(SqlStore store, JobCatalog catalog, TimeProvider clock)
{
    /// <summary>Row errors kept per run; further ones are only counted.</summary>
    public const int MaxStoredErrors = 1000;

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
        var sql = await store.PrepareAsync(job, processor, new TimeWindow(settings.From, settings.To), ct);

        NullStats? before = run?.NullsBefore;
        long total;
        if (run is null)
        {
            before = await store.NullStatsAsync(sql, ct);
            var bounds = await store.BoundsAsync(sql, ct);
            total = bounds is null ? 0 : await store.CountCandidatesAsync(sql, bounds.Value.Min - 1, bounds.Value.Max, ct);
            if (!request.DryRun)
                run = await store.CreateRunAsync(job.Name, settings, bounds, total, before, ct);
            else
                run = DryRunRecord(job.Name, settings, bounds, total, before);
        }
        else
        {
            total = run.CandidatesAtStart ?? 0;
        }
        if (settings.Limit is { } cap) total = Math.Min(total, cap);

        var loop = new Loop(store, sql, new BatchPlanner(computer, sql.Targets.Count, settings.Overwrite), request.DryRun, clock, progress, total);
        try
        {
            var finished = await loop.RunAsync(run, settings, ct);
            NullStats? after = null;
            if (!request.DryRun)
            {
                after = await store.NullStatsAsync(sql, CancellationToken.None);
                await store.FinishRunAsync(run.RunId, RunStates.Completed, after, null, CancellationToken.None);
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
            };
        }
        catch (OperationCanceledException) when (!request.DryRun)
        {
            await store.FinishRunAsync(run.RunId, RunStates.Interrupted, null, "interrupted; continue with --resume", CancellationToken.None);
            throw;
        }
        catch (CheckpointConflictException)
        {
            throw; // the other process owns the run: leave its state alone
        }
        catch (Exception e) when (!request.DryRun)
        {
            await store.FinishRunAsync(run.RunId, RunStates.Failed, null, e.Message, CancellationToken.None);
            throw;
        }
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

    /// <summary>State of one pass over the candidates.</summary>
    private sealed class Loop(SqlStore store, JobSql sql, BatchPlanner planner, bool dryRun, TimeProvider clock,
        IProgress<RunProgress>? progress, long total)
    {
        public long Processed { get; private set; }
        public long Batches { get; private set; }
        public OutcomeTally Tally { get; private set; } = new();
        public TimeSpan Elapsed { get; private set; }
        public List<RowError> DryErrors { get; } = [];

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
            if (run.MaxKey is not { } max) { Elapsed = watch.Elapsed; return this; }
            var after = run.CheckpointKey ?? long.MinValue;

            // Keyset paging depends only on the last key read, so the next batch is read on a second
            // connection while this one is computed and written: the database works on both at once.
            await using var reader = await store.OpenSiblingAsync(ct);
            var pending = ReadAheadAsync(reader, after, max, NextSize(settings, Processed), settings, ct);
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var started = watch.Elapsed;
                    var rows = await pending;
                    if (rows.Count == 0) break;
                    var lastKey = rows.Keys[rows.Count - 1];
                    pending = ReadAheadAsync(reader, lastKey, max, NextSize(settings, Processed + rows.Count), settings, ct);
                    await ProcessAsync(rows, started, lastKey);
                    after = lastKey;
                    Processed += rows.Count;
                    Batches++;
                    progress?.Report(new RunProgress(Processed, total, Tally.Updated, Tally.Inserted, Tally.Skipped, Tally.Errors, watch.Elapsed));
                }
            }
            finally
            {
                await DrainAsync(pending);
            }
            Elapsed = watch.Elapsed;
            return this;

            async Task ProcessAsync(RowBatch rows, TimeSpan started, long lastKey)
            {
                var plan = planner.Build(rows);
                var batchTally = plan.Tally;
                long updated, inserted;

                if (dryRun)
                {
                    updated = plan.Writes.UpdateKeys.Count;
                    inserted = plan.Writes.InsertKeys.Count;
                    DryErrors.AddRange(plan.Errors.Take(20 - DryErrors.Count).Select(e => new RowError(0, e.Key, e.Reason, e.Message)));
                }
                else
                {
                    await using var tx = await store.BeginBatchAsync(ct);
                    var result = plan.Writes.IsEmpty ? new WriteResult(new HashSet<long>(), new HashSet<long>()) : await tx.WriteAsync(sql, plan.Writes, settings.Overwrite, ct);
                    updated = result.Updated.Count;
                    inserted = result.Inserted.Count;
                    var lost = plan.Writes.UpdateKeys.Count + plan.Writes.InsertKeys.Count - updated - inserted;
                    if (lost > 0) batchTally.AddSkipped("filled_concurrently", lost);

                    var keep = (int)Math.Max(0, Math.Min(plan.Errors.Count, MaxStoredErrors - storedErrors));
                    var errors = plan.Errors.Take(keep).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message)).ToList();
                    storedErrors += keep;

                    var merged = new OutcomeTally(Tally.Reasons);
                    merged.Add(batchTally);
                    var batch = new BatchRecord(run.RunId, Batches + 1, rows.Keys[0], lastKey, rows.Count, updated, inserted,
                        batchTally.Skipped, batchTally.Errors, (watch.Elapsed - started).TotalMilliseconds, clock.GetUtcNow().UtcDateTime);
                    await tx.RecordAsync(run with { CheckpointKey = after }, batch, JsonSerializer.Serialize(merged.Reasons), errors, ct);
                    await tx.CommitAsync(ct);
                }

                batchTally.AddUpdated(updated);
                batchTally.AddInserted(inserted);
                Tally.Add(batchTally);
            }
        }

        private static int NextSize(RunSettings settings, long processed) =>
            (int)Math.Max(0, Math.Min(settings.BatchSize, (settings.Limit ?? long.MaxValue) - processed));

        private Task<RowBatch> ReadAheadAsync(SqlStore reader, long after, long max, int size, RunSettings settings, CancellationToken ct) =>
            size == 0
                ? Task.FromResult(new RowBatch(0, sql.Inputs.Count, sql.Carry.Count, sql.Targets.Count))
                : Task.Run(() => reader.ReadAsync(sql, after, max, size, candidatesOnly: !settings.Overwrite, ct), ct);

        // A read still in flight when the loop stops (limit, error, cancellation) is awaited before its
        // connection closes; its outcome no longer matters, the loop's own exception is what surfaces.
        private static async Task DrainAsync(Task<RowBatch> pending)
        {
            try
            {
                await pending;
            }
            catch (Exception) when (pending.IsFaulted || pending.IsCanceled)
            {
                // already reported through the loop, or irrelevant after it
            }
        }
    }
}
