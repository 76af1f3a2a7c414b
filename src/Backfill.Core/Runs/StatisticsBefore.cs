using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>
/// The NULL counts and candidates of a whole table at the start of a run, counted while the first batches are
/// written instead of before them. The count reads a snapshot taken before the run exists, on a connection of its
/// own, so it sees the table exactly as a count run first would; the run's writes never reach it. When done it is
/// recorded in the ledger; a run killed before that has none ("unknown", not a wrong figure).
/// </summary>
public sealed class StatisticsBefore : IAsyncDisposable
{
    private readonly SqlStore _side;
    private readonly CancellationTokenSource _stop;
    private Task<(NullStats Nulls, long Candidates)>? _counting;

    private StatisticsBefore(SqlStore side, CancellationTokenSource stop, (long Min, long Max)? bounds)
    {
        _side = side;
        _stop = stop;
        Bounds = bounds;
    }

    /// <summary>The key bounds in the snapshot: the run's range.</summary>
    public (long Min, long Max)? Bounds { get; }

    /// <summary>The server session that counts (PostgreSQL): the run's own, not load to pause for.</summary>
    public int? BackendId => _side.BackendId;

    /// <summary>The candidates once counted; null until then.</summary>
    public long? Candidates => _counting is { IsCompletedSuccessfully: true } done ? done.Result.Candidates : null;

    /// <summary>Takes the snapshot and reads the key bounds in it (an index lookup); the counting starts with <see cref="Start"/>.</summary>
    public static async Task<StatisticsBefore> SnapshotAsync(SqlStore store, JobSql sql, CpuShare? cpuShare, CancellationToken ct)
    {
        var side = await store.OpenSiblingAsync(ct);
        try
        {
            await CountingSession.PrepareAsync(side, cpuShare, ct); // it counts beside the batches
            await side.ExecuteAsync(side.Dialect.BeginSnapshotSql, ct);
            var bounds = await side.BoundsAsync(sql, ct);
            return new StatisticsBefore(side, CancellationTokenSource.CreateLinkedTokenSource(ct), bounds);
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counts on the snapshot (on a thread of its own: an embedded store's "async" calls run synchronously), then records the result in the run.</summary>
    public void Start(long runId, JobSql sql)
    {
        var ct = _stop.Token;
        _counting = Task.Run(async () =>
        {
            var (nulls, _, candidates) = await _side.NullStatsAndCandidatesAsync(sql, ct);
            // The snapshot ends before the write: SQLite cannot write from a read transaction older than the last commit.
            await _side.ExecuteAsync("COMMIT", ct);
            await _side.RecordStatisticsBeforeAsync(runId, candidates, nulls, ct);
            return (nulls, candidates);
        }, ct);
    }

    /// <summary>The counts, waiting for them; null when <paramref name="wait"/> is false and they are not done (the count is stopped).</summary>
    public async Task<(NullStats Nulls, long Candidates)?> ResultAsync(bool wait)
    {
        if (_counting is null) return null;
        if (!wait && !_counting.IsCompleted) return null;
        return await _counting;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_counting is not null)
        {
            try { await _counting; }
            catch (Exception) { /* stopped with the run, or failed: the run's own outcome is what is reported */ }
        }
        await _side.DisposeAsync();
        _stop.Dispose();
    }
}
