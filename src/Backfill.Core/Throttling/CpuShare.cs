using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Throttling;

/// <summary>
/// What <c>--low-priority</c> and <c>--cores</c> do to the engine's threads and to each server session of a
/// local PostgreSQL: nice 19, a CPU mask, or both. Sessions also stop using parallel workers, which would
/// run outside the mask and at normal priority.
/// </summary>
public sealed class CpuShare
{
    private readonly bool _lower;
    private readonly IReadOnlyList<int>? _cpus;
    private readonly int _requestedCores;
    private int _sessions;
    private string? _refused;

    public CpuShare(bool lower, int? cores)
    {
        _lower = lower;
        _requestedCores = cores ?? 0;
        if (cores is { } n) _cpus = CpuAffinity.Choose(n);
    }

    /// <summary>The run's share, already applied to this process's threads; null when neither option was given.</summary>
    public static CpuShare? For(RunSettings settings)
    {
        if (!settings.LowPriority && settings.Cores is null) return null;
        var share = new CpuShare(settings.LowPriority, settings.Cores);
        share.ApplyToEngine();
        return share;
    }

    /// <summary>Applies the share to the store's server session, when it has one on this machine.</summary>
    public async Task ApplyAsync(SqlStore store, CancellationToken ct)
    {
        if (store.BackendId is not { } pid) return;
        await store.DisableParallelWorkersAsync(ct);
        if (CpuPriority.WhyNotLocalServer(pid) is { } notLocal) { _refused ??= notLocal; return; }
        var errno = 0;
        if (_lower) errno = CpuPriority.Lower(pid);
        if (errno == 0 && _cpus is not null) errno = CpuAffinity.Pin(pid, _cpus);
        if (errno == 0) _sessions++;
        else _refused ??= $"not permitted (errno {errno}: run as the PostgreSQL server's user or root)";
    }

    /// <summary>
    /// Lowers and pins every thread of this process. Call again to catch threads started since: the thread pool
    /// grows, and a thread inherits from its creator, which may not have been lowered or pinned.
    /// </summary>
    public void ApplyToEngine()
    {
        if (_lower) CpuPriority.LowerThisProcess();
        if (_cpus is not null) CpuAffinity.PinThisProcess(_cpus);
    }

    /// <summary>"nice 19, cpu 1 of 2: engine and its 3 server sessions", or what was not applied and why.</summary>
    public string Describe()
    {
        if (!CpuPriority.Supported) return "not supported on this system";
        var what = new List<string>();
        if (_lower) what.Add($"nice {CpuPriority.Lowest}");
        if (_requestedCores > 0)
            what.Add(_cpus is null ? $"all {CpuAffinity.AllowedCpus().Count} cores (--cores {_requestedCores} leaves none to others)" : CpuAffinity.Describe(_cpus));
        var applied = string.Join(", ", what);
        return _refused is not null ? $"{applied}: engine only (server sessions: {_refused})"
            : _sessions == 0 ? $"{applied}: engine (an embedded store has no server sessions)"
            : $"{applied}: engine and its {_sessions} server sessions";
    }
}
