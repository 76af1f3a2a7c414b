namespace Backfill.Core.Throttling;

/// <summary>
/// The throttle as the run loop uses it before each batch: samples the probe at most every
/// <see cref="ThrottleOptions.SampleInterval"/> (the last decision stands in between, so the probe
/// stays cheap), waits out pauses (re-sampling every <see cref="ThrottleOptions.PauseRecheck"/>) and
/// says when to stop. Counts pauses and paused time. Time comes from the injected clock and delay.
/// </summary>
public sealed class ThrottleGate
{
    private readonly ILoadProbe _probe;
    private readonly ThrottlePolicy _policy;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private long? _sampledAt;
    private ThrottleDecision _last = ThrottleDecision.Proceed;

    public ThrottleGate(ILoadProbe probe, ThrottlePolicy policy, TimeProvider clock, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _probe = probe;
        _policy = policy;
        _clock = clock;
        _delay = delay ?? ((d, ct) => Task.Delay(d, clock, ct));
    }

    /// <summary>Pauses started (a pause is one stretch of consecutive Pause decisions).</summary>
    public int Pauses { get; private set; }
    public TimeSpan Paused { get; private set; }
    /// <summary>The reason of the first pause, for the run's summary.</summary>
    public string? FirstPauseReason { get; private set; }
    public LoadSample? LastSample { get; private set; }

    /// <summary>The decision for now: a fresh sample if the last is older than the sampling interval, else the last decision.</summary>
    public async Task<ThrottleDecision> CheckAsync(CancellationToken ct)
    {
        var now = _clock.GetTimestamp();
        if (_sampledAt is { } at && _clock.GetElapsedTime(at, now) < _policy.Options.SampleInterval) return _last;
        LastSample = await _probe.SampleAsync(ct);
        _sampledAt = _clock.GetTimestamp();
        return _last = _policy.Decide(LastSample);
    }

    /// <summary>
    /// Returns when the run may write its next batch (null), or the reason to stop. While paused it
    /// reports the reason through <paramref name="paused"/> at every re-check.
    /// </summary>
    public async Task<string?> WaitAsync(Action<string>? paused, CancellationToken ct)
    {
        long? pauseStart = null;
        try
        {
            while (true)
            {
                var decision = await CheckAsync(ct);
                switch (decision)
                {
                    case ThrottleDecision.Stop stop:
                        return stop.Reason;
                    case ThrottleDecision.Pause pause:
                        if (pauseStart is null)
                        {
                            pauseStart = _clock.GetTimestamp();
                            Pauses++;
                            FirstPauseReason ??= pause.Reason;
                        }
                        paused?.Invoke(pause.Reason);
                        await _delay(pause.RecheckAfter, ct);
                        break;
                    default:
                        return null;
                }
            }
        }
        finally
        {
            if (pauseStart is { } start) Paused += _clock.GetElapsedTime(start);
        }
    }
}
