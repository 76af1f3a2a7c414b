using System.Globalization;

namespace Backfill.Core.Throttling;

/// <summary>
/// When a run gives way to live traffic. Load = active backends + waiting locks (see
/// <see cref="LoadSample.Load"/>); replication lag is compared on its own, in seconds. Null = not used.
/// </summary>
public sealed record ThrottleOptions
{
    public static readonly TimeSpan DefaultPauseRecheck = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultSampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Pause while the load is above this (<c>--max-load</c>).</summary>
    public double? MaxLoad { get; init; }
    /// <summary>Stop the run cleanly (interrupted, checkpoint kept) when the load is above this (<c>--critical-load</c>).</summary>
    public double? CriticalLoad { get; init; }
    /// <summary>Pause while the replicas' replay lag is above this many seconds (<c>--max-lag</c>).</summary>
    public double? MaxLagSeconds { get; init; }
    /// <summary>Keep the writer busy at most this fraction of wall time (<c>--duty-cycle</c>, 0 &lt; F ≤ 1).</summary>
    public double? DutyCycle { get; init; }
    /// <summary>While paused, how long to wait before sampling again.</summary>
    public TimeSpan PauseRecheck { get; init; } = DefaultPauseRecheck;
    /// <summary>A fresh sample at most this often; in between, the last decision stands.</summary>
    public TimeSpan SampleInterval { get; init; } = DefaultSampleInterval;

    public bool UsesLoad => MaxLoad is not null || CriticalLoad is not null || MaxLagSeconds is not null;

    public ThrottleOptions Validate()
    {
        if (MaxLoad is { } max && (max < 0 || !double.IsFinite(max))) throw new ArgumentException("--max-load must be 0 or more.");
        if (CriticalLoad is { } critical && (critical < 0 || !double.IsFinite(critical))) throw new ArgumentException("--critical-load must be 0 or more.");
        if (MaxLoad is { } m && CriticalLoad is { } c && c <= m)
            throw new ArgumentException($"--critical-load ({Format(c)}) must be above --max-load ({Format(m)}): the run pauses above --max-load and stops above --critical-load.");
        if (MaxLagSeconds is { } lag && (lag <= 0 || !double.IsFinite(lag))) throw new ArgumentException("--max-lag must be more than 0 seconds.");
        if (DutyCycle is { } f && (f is <= 0 or > 1 || double.IsNaN(f))) throw new ArgumentException("--duty-cycle must be more than 0 and at most 1 (a fraction of wall time, e.g. 0.5).");
        if (PauseRecheck <= TimeSpan.Zero) throw new ArgumentException("The pause re-check interval must be positive.");
        if (SampleInterval < TimeSpan.Zero) throw new ArgumentException("The sampling interval cannot be negative.");
        return this;
    }

    internal static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What the run does before its next batch.</summary>
public abstract record ThrottleDecision
{
    public static ThrottleDecision Proceed { get; } = new ProceedDecision();

    public sealed record ProceedDecision : ThrottleDecision;

    /// <summary>Wait <paramref name="RecheckAfter"/>, then sample again.</summary>
    public sealed record Pause(TimeSpan RecheckAfter, string Reason) : ThrottleDecision;

    /// <summary>Finish the run cleanly as interrupted; the checkpoint is the last committed batch.</summary>
    public sealed record Stop(string Reason) : ThrottleDecision;
}

/// <summary>
/// The throttle decision for one load sample: Stop when the load is above the critical threshold,
/// Pause when it is above the maximum or the replication lag is above its maximum, else Proceed.
/// Signals that are unavailable are ignored. No hysteresis: the run resumes with the first sample at or
/// below the thresholds (re-checked every <see cref="ThrottleOptions.PauseRecheck"/>).
/// </summary>
public sealed class ThrottlePolicy(ThrottleOptions options)
{
    public ThrottleOptions Options { get; } = options.Validate();

    public ThrottleDecision Decide(LoadSample sample)
    {
        var load = sample.Load;
        if (load is { } l && Options.CriticalLoad is { } critical && l > critical)
            return new ThrottleDecision.Stop($"critical load {ThrottleOptions.Format(l)} > {ThrottleOptions.Format(critical)} ({sample.Describe()})");
        if (load is { } l2 && Options.MaxLoad is { } max && l2 > max)
            return new ThrottleDecision.Pause(Options.PauseRecheck, $"load {ThrottleOptions.Format(l2)} > max {ThrottleOptions.Format(max)} ({sample.Describe()})");
        if (sample.ReplicationLagSeconds is { } lag && Options.MaxLagSeconds is { } maxLag && lag > maxLag)
            return new ThrottleDecision.Pause(Options.PauseRecheck,
                string.Create(CultureInfo.InvariantCulture, $"replication lag {lag:0.0} s > max {ThrottleOptions.Format(maxLag)} s"));
        return ThrottleDecision.Proceed;
    }
}

/// <summary>The duty cycle: how long the writer sleeps after a batch to stay busy at most a fraction of wall time.</summary>
public static class DutyCycle
{
    /// <summary>
    /// The sleep after <paramref name="busy"/> so that busy / (busy + sleep) ≤ <paramref name="fraction"/>:
    /// busy × (1 − F) / F. F = 1 (or none) never sleeps; F = 0.5 sleeps as long as it worked.
    /// </summary>
    public static TimeSpan SleepAfter(TimeSpan busy, double? fraction)
    {
        if (fraction is not { } f || f >= 1 || busy <= TimeSpan.Zero) return TimeSpan.Zero;
        if (f <= 0 || double.IsNaN(f)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A duty cycle is more than 0 and at most 1.");
        // Rounded up to the tick, so the achieved fraction never exceeds F.
        return TimeSpan.FromTicks((long)Math.Ceiling(busy.Ticks * (1 - f) / f));
    }
}
