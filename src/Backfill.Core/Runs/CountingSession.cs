using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Core.Runs;

/// <summary>How a run prepares a session that scans whole tables (its NULL counts and candidates).</summary>
internal static class CountingSession
{
    /// <summary>
    /// The run's CPU share when it has one (which also keeps the session's work out of parallel workers), and no
    /// parallel workers either way: in workers the same scan cost about twice the CPU, taken from live traffic and
    /// from the batches, for little or no gain in time on 2 cores (1M rows: 1.3 s in one session, ~2.5 s across three).
    /// </summary>
    public static Task PrepareAsync(SqlStore session, CpuShare? cpuShare, CancellationToken ct) =>
        cpuShare is not null ? cpuShare.ApplyAsync(session, ct) : session.DisableParallelWorkersAsync(ct);
}
