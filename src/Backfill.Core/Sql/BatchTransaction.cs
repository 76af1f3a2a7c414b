using System.Data.Common;
using Backfill.Core.Runs;

namespace Backfill.Core.Sql;

/// <summary>
/// One batch's short transaction: the data writes, the run's counters and its checkpoint commit
/// together, so a killed run never counts or applies a batch twice.
/// </summary>
public sealed class BatchTransaction(SqlStore store, DbTransaction tx) : IAsyncDisposable
{
    public Task<WriteResult> WriteAsync(JobSql job, WriteSet set, bool overwrite, CancellationToken ct) =>
        store.WriteAsync(job, set, overwrite, tx, ct);

    /// <summary>Moves the checkpoint forward with compare-and-set; throws if another process moved it.</summary>
    public Task RecordAsync(RunRecord before, BatchRecord batch, string reasonsJson, IReadOnlyList<RowError> errors, CancellationToken ct) =>
        store.RecordBatchAsync(tx, before, batch, reasonsJson, errors, ct);

    public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

    public ValueTask DisposeAsync() => tx.DisposeAsync();
}

/// <summary>The checkpoint was not where this process left it: another process is running the same run.</summary>
public sealed class CheckpointConflictException(long runId) :
    Exception($"Run {runId}: the checkpoint was moved by another process; this process stops without writing.");
