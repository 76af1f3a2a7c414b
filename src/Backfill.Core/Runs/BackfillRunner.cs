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
        if (settings.WriterCount > 1 && !store.ConcurrentWriters)
            throw new ArgumentException($"--writers {settings.WriterCount}: {store.Describe()} takes one writer at a time; several writers are for PostgreSQL.");
        // Before the first scan: the statistics queries are the heaviest the run sends.
        var cpuShare = CpuShare.For(settings);
        await CountingSession.PrepareAsync(store, cpuShare, ct);
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

        var loop = new BatchLoop(store, sql, new BatchPlanner(computer, sql.Targets.Count, settings.Overwrite), request.DryRun, clock, progress, Total, cpuShare)
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
        await CountingSession.PrepareAsync(side, cpuShare, ct);
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
}
