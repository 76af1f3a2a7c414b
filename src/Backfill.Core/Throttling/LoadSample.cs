using System.Globalization;

namespace Backfill.Core.Throttling;

/// <summary>
/// What the database shows of the load around the run at one moment. Any signal may be unavailable
/// (null): a store that cannot tell, a role not allowed to see other sessions, no replicas.
/// </summary>
/// <param name="ActiveBackends">Client sessions running a statement, excluding the run's own connections and the probe's.</param>
/// <param name="WaitingLocks">Lock requests not granted (sessions waiting on a lock), excluding the run's own.</param>
/// <param name="ReplicationLagSeconds">The largest replay lag over the replicas; null without replicas.</param>
public sealed record LoadSample(int? ActiveBackends, int? WaitingLocks, double? ReplicationLagSeconds)
{
    public static LoadSample Unavailable { get; } = new(null, null, null);

    /// <summary>
    /// The load the thresholds compare: active backends + waiting locks, counting the signals that are
    /// available; null when neither is. Replication lag is compared separately, in seconds.
    /// </summary>
    public double? Load => ActiveBackends is null && WaitingLocks is null ? null : (ActiveBackends ?? 0) + (WaitingLocks ?? 0);

    public string Describe()
    {
        var parts = new List<string>();
        if (ActiveBackends is { } a) parts.Add($"{a} active");
        if (WaitingLocks is { } w) parts.Add($"{w} waiting on locks");
        if (ReplicationLagSeconds is { } l) parts.Add(string.Create(CultureInfo.InvariantCulture, $"replication lag {l:0.0} s"));
        return parts.Count == 0 ? "no load signal" : string.Join(", ", parts);
    }
}

/// <summary>Samples the database's load on a connection of its own; a store without load signals has none.</summary>
public interface ILoadProbe : IAsyncDisposable
{
    Task<LoadSample> SampleAsync(CancellationToken ct);
}

/// <summary>A probe that sees nothing (SQLite): throttling by load never pauses; the duty cycle still applies.</summary>
public sealed class NullLoadProbe : ILoadProbe
{
    public static NullLoadProbe Instance { get; } = new();

    public Task<LoadSample> SampleAsync(CancellationToken ct) => Task.FromResult(LoadSample.Unavailable);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
