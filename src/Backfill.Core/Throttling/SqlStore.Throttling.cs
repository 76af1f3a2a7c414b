using System.Data.Common;
using Backfill.Core.Throttling;

namespace Backfill.Core.Sql;

/// <summary>The hooks throttling needs from a store; the defaults are those of a store without load signals or timeouts (SQLite).</summary>
public abstract partial class SqlStore
{
    /// <summary>The server process of this store's connection (PostgreSQL backend pid), to exclude the run's own sessions from the load; null if none.</summary>
    public virtual int? BackendId => null;

    /// <summary>A load probe on its own connection, ignoring <paramref name="ownBackends"/> (the run's connections).</summary>
    public virtual Task<ILoadProbe> OpenLoadProbeAsync(IReadOnlyCollection<int> ownBackends, CancellationToken ct) =>
        Task.FromResult<ILoadProbe>(NullLoadProbe.Instance);

    /// <summary>
    /// For --low-priority and --cores: keeps this connection's server work in its own session (no parallel workers,
    /// which would run at normal priority and on any CPU). Nothing by default (an embedded store's work runs in the
    /// engine's own threads).
    /// </summary>
    public virtual Task DisableParallelWorkersAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Sets the batch's limits inside its transaction (PostgreSQL: <c>SET LOCAL</c>); nothing by default.</summary>
    protected virtual Task ApplyBatchTimeoutsAsync(DbTransaction tx, BatchTimeouts timeouts, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Whether an exception is the database enforcing one of the batch's limits (not a cancellation by the caller).</summary>
    public virtual BatchTimeoutKind TimeoutKindOf(Exception e) => BatchTimeoutKind.None;

    /// <summary>A batch transaction with its limits set.</summary>
    public async Task<BatchTransaction> BeginBatchAsync(BatchTimeouts timeouts, CancellationToken ct)
    {
        var tx = await Connection.BeginTransactionAsync(ct);
        try
        {
            if (!timeouts.IsNone) await ApplyBatchTimeoutsAsync(tx, timeouts, ct);
            return new BatchTransaction(this, tx);
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }
}
