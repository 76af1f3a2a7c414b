using System.Text.Json;
using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>
/// Writes one batch in its own short transaction: the data, then the run's counters and checkpoint. Several
/// batches may write at once on their own sessions, but each commits only after the one before it: it waits
/// for that batch's <see cref="Committed"/> state (holding only its own rows' locks, a disjoint key range) and
/// records its ledger entry on top of it. If the batch before did not commit, this one rolls back too and
/// is not counted; the loop re-reads from the checkpoint. So the checkpoint only ever moves in key order,
/// and a killed run never counts or applies a batch twice, whatever the number of writers.
/// </summary>
internal sealed class BatchWrite(JobSql sql, RunRecord run, bool overwrite, BatchTimeouts timeouts, bool dryRun, TimeProvider clock, CancellationToken ct)
{
    /// <summary>The run's ledger after a batch committed: its checkpoint, the per-reason counts, the row errors stored.</summary>
    public sealed record Committed(long Checkpoint, IReadOnlyDictionary<string, long> Reasons, long StoredErrors);

    /// <summary>The database enforced a per-batch limit: the transaction rolled back, nothing of the batch is counted.</summary>
    public sealed record TimeoutFailure(BatchTimeoutKind Kind, string Message, BatchPlanner.Plan Plan);

    /// <summary>A committed batch's counts (<see cref="Tally"/>), a timeout, or aborted after the batch before it failed.</summary>
    public sealed record Outcome(OutcomeTally? Tally, long StoredErrors, TimeSpan WriteTime, TimeoutFailure? Timeout)
    {
        public bool Aborted => Tally is null && Timeout is null;
    }

    public sealed record Pending(Task<Outcome> Outcome, Task<Committed?> Committed);

    /// <summary>The state a first batch builds on: the ledger as it is now.</summary>
    public static Task<Committed?> Start(long checkpoint, OutcomeTally tally, long storedErrors) =>
        Task.FromResult<Committed?>(new Committed(checkpoint, new Dictionary<string, long>(tally.Reasons), storedErrors));

    /// <summary>Starts writing <paramref name="batch"/> on <paramref name="writer"/>; it commits after <paramref name="previous"/> has.</summary>
    public Pending Start(SqlStore writer, ComputedBatch batch, long batchNo, TimeSpan readWait, Task<Committed?> previous)
    {
        var committed = new TaskCompletionSource<Committed?>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new Pending(WriteAsync(writer, batch, batchNo, readWait, previous, committed), committed.Task);
    }

    private async Task<Outcome> WriteAsync(SqlStore writer, ComputedBatch batch, long batchNo, TimeSpan readWait,
        Task<Committed?> previous, TaskCompletionSource<Committed?> committed)
    {
        var started = clock.GetTimestamp();
        var (rows, plan) = (batch.Rows, batch.Plan);
        var lastKey = rows.Keys[rows.Count - 1];
        var batchTally = new OutcomeTally();
        batchTally.Add(plan.Tally);
        try
        {
            if (dryRun)
            {
                if (await previous is not { } before) return Aborted();
                batchTally.AddUpdated(plan.Writes.UpdateKeys.Count);
                batchTally.AddInserted(plan.Writes.InsertKeys.Count);
                committed.SetResult(before with { Checkpoint = lastKey });
                return new Outcome(batchTally, 0, clock.GetElapsedTime(started), null);
            }

            await using var tx = await writer.BeginBatchAsync(timeouts, ct);
            var result = plan.Writes.IsEmpty ? new WriteResult(new HashSet<long>(), new HashSet<long>()) : await tx.WriteAsync(sql, plan.Writes, overwrite, ct);
            var lost = plan.Writes.UpdateKeys.Count + plan.Writes.InsertKeys.Count - result.Updated.Count - result.Inserted.Count;
            if (lost > 0) batchTally.AddSkipped("filled_concurrently", lost);

            // Rolled back (on dispose) when the batch before did not commit.
            if (await previous is not { } prior) return Aborted();
            var keep = (int)Math.Max(0, Math.Min(plan.Errors.Count, BackfillRunner.MaxStoredErrors - prior.StoredErrors));
            var errors = plan.Errors.Take(keep).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message)).ToList();
            var merged = new OutcomeTally(prior.Reasons);
            merged.Add(batchTally);
            var record = new BatchRecord(run.RunId, batchNo, rows.Keys[0], lastKey, rows.Count, result.Updated.Count, result.Inserted.Count,
                batchTally.Skipped, batchTally.Errors, (readWait + clock.GetElapsedTime(started)).TotalMilliseconds, clock.GetUtcNow().UtcDateTime);
            await tx.RecordAsync(run with { CheckpointKey = prior.Checkpoint }, record, JsonSerializer.Serialize(merged.Reasons), errors, ct);
            await tx.CommitAsync(ct);
            committed.SetResult(new Committed(lastKey, merged.Reasons, prior.StoredErrors + keep));

            batchTally.AddUpdated(result.Updated.Count);
            batchTally.AddInserted(result.Inserted.Count);
            return new Outcome(batchTally, keep, clock.GetElapsedTime(started), null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && writer.TimeoutKindOf(e) is not BatchTimeoutKind.None)
        {
            return new Outcome(null, 0, clock.GetElapsedTime(started), new TimeoutFailure(writer.TimeoutKindOf(e), e.Message, plan));
        }
        finally
        {
            committed.TrySetResult(null); // not committed: the batch after this one rolls back
        }

        Outcome Aborted() => new(null, 0, clock.GetElapsedTime(started), null);
    }
}
