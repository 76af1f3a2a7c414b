using Backfill.Core.Sql;

namespace Backfill.Core.Throttling;

/// <summary>What <c>--low-priority</c> lowered during a run: the engine's threads and each server session it could.</summary>
public sealed class LowPriority
{
    private int _sessions;
    private string? _refused;

    /// <summary>Lowers this process's threads at once.</summary>
    public LowPriority() => CpuPriority.LowerThisProcess();

    /// <summary>Lowers the store's server session (and keeps its work out of parallel workers), when it has one.</summary>
    public async Task LowerAsync(SqlStore store, CancellationToken ct)
    {
        if (store.BackendId is null) return;
        if (await store.LowerSessionPriorityAsync(ct) is { } refused) _refused ??= refused;
        else _sessions++;
    }

    /// <summary>Threads started since (the thread pool grows) inherit from their creator, but not always from a lowered one.</summary>
    public static void Refresh() => CpuPriority.LowerThisProcess();

    /// <summary>"engine and its 3 server sessions", or what was not lowered and why.</summary>
    public string Describe() =>
        !CpuPriority.Supported ? "not supported on this system"
        : _refused is not null ? $"engine only (server sessions: {_refused})"
        : _sessions == 0 ? "engine (an embedded store has no server sessions)"
        : $"engine and its {_sessions} server sessions";
}
