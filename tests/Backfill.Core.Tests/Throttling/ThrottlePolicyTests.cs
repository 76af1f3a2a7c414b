using Backfill.Core.Throttling;

namespace Backfill.Core.Tests.Throttling;

public sealed class ThrottlePolicyTests
{
    private static readonly ThrottleOptions Limits = new() { MaxLoad = 8, CriticalLoad = 20, MaxLagSeconds = 10 };

    private static ThrottleDecision Decide(LoadSample sample, ThrottleOptions? options = null) => new ThrottlePolicy(options ?? Limits).Decide(sample);

    [Fact]
    public void Load_is_active_backends_plus_waiting_locks_counting_only_what_is_available()
    {
        Assert.Equal(7, new LoadSample(5, 2, null).Load);
        Assert.Equal(5, new LoadSample(5, null, 3).Load);
        Assert.Equal(2, new LoadSample(null, 2, null).Load);
        Assert.Null(new LoadSample(null, null, 30).Load);
    }

    [Fact]
    public void Proceeds_at_or_below_the_maximum()
    {
        Assert.Same(ThrottleDecision.Proceed, Decide(new LoadSample(0, 0, null)));
        Assert.Same(ThrottleDecision.Proceed, Decide(new LoadSample(6, 2, 10))); // exactly at both maxima
    }

    [Fact]
    public void Pauses_above_the_maximum_load_and_says_why()
    {
        var pause = Assert.IsType<ThrottleDecision.Pause>(Decide(new LoadSample(7, 2, null)));
        Assert.Equal(ThrottleOptions.DefaultPauseRecheck, pause.RecheckAfter);
        Assert.StartsWith("load 9 > max 8 (7 active, 2 waiting on locks)", pause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resumes_as_soon_as_the_load_is_back_at_or_below_the_maximum()
    {
        var policy = new ThrottlePolicy(Limits);
        var decisions = new[] { 12, 9, 8, 3 }.Select(active => policy.Decide(new LoadSample(active, 0, null))).ToList();
        Assert.IsType<ThrottleDecision.Pause>(decisions[0]);
        Assert.IsType<ThrottleDecision.Pause>(decisions[1]);
        Assert.Same(ThrottleDecision.Proceed, decisions[2]); // no hysteresis: 8 is not above 8
        Assert.Same(ThrottleDecision.Proceed, decisions[3]);
    }

    [Fact]
    public void Pauses_while_the_replication_lag_is_above_its_maximum()
    {
        var pause = Assert.IsType<ThrottleDecision.Pause>(Decide(new LoadSample(0, 0, 12.5)));
        Assert.Equal("replication lag 12.5 s > max 10 s", pause.Reason);
    }

    [Fact]
    public void Stops_above_the_critical_load_even_when_lag_would_only_pause()
    {
        var stop = Assert.IsType<ThrottleDecision.Stop>(Decide(new LoadSample(18, 3, 60)));
        Assert.StartsWith("critical load 21 > 20", stop.Reason, StringComparison.Ordinal);
        Assert.IsType<ThrottleDecision.Pause>(Decide(new LoadSample(18, 2, 60))); // 20 is not above 20: a pause, not a stop
    }

    [Fact]
    public void Unavailable_signals_are_ignored()
    {
        Assert.Same(ThrottleDecision.Proceed, Decide(LoadSample.Unavailable));
        Assert.Same(ThrottleDecision.Proceed, Decide(new LoadSample(null, null, null), new ThrottleOptions { MaxLoad = 0, CriticalLoad = 1 }));
        Assert.IsType<ThrottleDecision.Pause>(Decide(new LoadSample(null, 9, null))); // the waiting locks alone
        Assert.Same(ThrottleDecision.Proceed, Decide(new LoadSample(3, 0, null), new ThrottleOptions { MaxLagSeconds = 1 })); // no replicas
    }

    [Fact]
    public void Without_thresholds_nothing_pauses()
    {
        Assert.Same(ThrottleDecision.Proceed, Decide(new LoadSample(1_000, 1_000, 1_000), new ThrottleOptions()));
        Assert.False(new ThrottleOptions { DutyCycle = 0.5 }.UsesLoad);
        Assert.True(new ThrottleOptions { MaxLagSeconds = 5 }.UsesLoad);
    }

    [Theory]
    [InlineData(8.0, 8.0, null, null, "--critical-load (8) must be above --max-load (8)")]
    [InlineData(-1.0, null, null, null, "--max-load")]
    [InlineData(null, -1.0, null, null, "--critical-load")]
    [InlineData(null, null, 0.0, null, "--max-lag")]
    [InlineData(null, null, null, 0.0, "--duty-cycle")]
    [InlineData(null, null, null, 1.5, "--duty-cycle")]
    public void Invalid_thresholds_are_rejected(double? max, double? critical, double? lag, double? duty, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new ThrottleOptions { MaxLoad = max, CriticalLoad = critical, MaxLagSeconds = lag, DutyCycle = duty }.Validate());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, 0.5, 400)]   // F = 0.5: sleep as long as it worked
    [InlineData(400, 1.0, 0)]     // F = 1: never sleep
    [InlineData(400, 0.25, 1200)] // busy 400 of 1,600
    [InlineData(400, 0.8, 100)]
    [InlineData(0, 0.5, 0)]
    public void Duty_cycle_sleeps_so_the_writer_is_busy_at_most_the_fraction(int busyMs, double fraction, int sleepMs)
    {
        var busy = TimeSpan.FromMilliseconds(busyMs);
        var sleep = DutyCycle.SleepAfter(busy, fraction);
        Assert.Equal(sleepMs, sleep.TotalMilliseconds, 3);
        if (busyMs > 0) Assert.True(busy / (busy + sleep) <= fraction + 1e-12);
    }

    [Fact]
    public void Duty_cycle_never_exceeds_the_fraction_on_odd_times()
    {
        foreach (var ticks in new long[] { 1, 7, 333, 12_345_677 })
            foreach (var f in new[] { 0.3, 0.33, 0.7, 0.9 })
            {
                var busy = TimeSpan.FromTicks(ticks);
                var sleep = DutyCycle.SleepAfter(busy, f);
                Assert.True((double)busy.Ticks / (busy.Ticks + sleep.Ticks) <= f, $"busy {ticks} ticks, F {f}: slept {sleep.Ticks}");
            }
        Assert.Equal(TimeSpan.Zero, DutyCycle.SleepAfter(TimeSpan.FromSeconds(1), null));
    }
}
