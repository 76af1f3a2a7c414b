using Backfill.Core.Throttling;

namespace Backfill.Core.Tests.Throttling;

public sealed class ThrottleGateTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(_ticks);
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>Replays load samples in order (the last one repeats) and counts how often it was asked.</summary>
    private sealed class ScriptedProbe(params LoadSample[] samples) : ILoadProbe
    {
        public int Calls { get; private set; }
        public Task<LoadSample> SampleAsync(CancellationToken ct) => Task.FromResult(samples[Math.Min(Calls++, samples.Length - 1)]);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static LoadSample Active(int n) => new(n, 0, null);

    private static ThrottleGate Gate(ScriptedProbe probe, ManualClock clock, ThrottleOptions options) =>
        new(probe, new ThrottlePolicy(options), clock, (d, _) => { clock.Advance(d); return Task.CompletedTask; });

    [Fact]
    public async Task Samples_at_most_once_per_interval_and_keeps_the_last_decision_in_between()
    {
        var clock = new ManualClock();
        var probe = new ScriptedProbe(Active(0), Active(50));
        var gate = Gate(probe, clock, new ThrottleOptions { MaxLoad = 4, SampleInterval = TimeSpan.FromMilliseconds(250) });

        Assert.Same(ThrottleDecision.Proceed, await gate.CheckAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Same(ThrottleDecision.Proceed, await gate.CheckAsync(CancellationToken.None)); // not sampled again
        Assert.Equal(1, probe.Calls);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsType<ThrottleDecision.Pause>(await gate.CheckAsync(CancellationToken.None));
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public async Task Waits_while_paused_rechecking_and_reports_then_lets_the_batch_go()
    {
        var clock = new ManualClock();
        var probe = new ScriptedProbe(Active(9), Active(9), Active(9), Active(2));
        var gate = Gate(probe, clock, new ThrottleOptions { MaxLoad = 4, PauseRecheck = TimeSpan.FromSeconds(1) });
        var reported = new List<string>();

        Assert.Null(await gate.WaitAsync(reported.Add, CancellationToken.None));

        Assert.Equal(3, reported.Count);
        Assert.All(reported, r => Assert.StartsWith("load 9 > max 4", r, StringComparison.Ordinal));
        Assert.Equal((1, TimeSpan.FromSeconds(3)), (gate.Pauses, gate.Paused));
        Assert.StartsWith("load 9 > max 4", gate.FirstPauseReason, StringComparison.Ordinal);

        Assert.Null(await gate.WaitAsync(reported.Add, CancellationToken.None)); // load stays low: no new pause
        Assert.Equal(1, gate.Pauses);
    }

    [Fact]
    public async Task A_second_stretch_of_load_counts_as_a_second_pause()
    {
        var clock = new ManualClock();
        var probe = new ScriptedProbe(Active(9), Active(0), Active(9), Active(9), Active(0));
        var gate = Gate(probe, clock, new ThrottleOptions { MaxLoad = 4, SampleInterval = TimeSpan.Zero });
        Assert.Null(await gate.WaitAsync(null, CancellationToken.None));
        Assert.Null(await gate.WaitAsync(null, CancellationToken.None));
        Assert.Equal((2, TimeSpan.FromMilliseconds(1500)), (gate.Pauses, gate.Paused));
    }

    [Fact]
    public async Task Stops_at_critical_load_even_in_the_middle_of_a_pause()
    {
        var clock = new ManualClock();
        var probe = new ScriptedProbe(Active(9), Active(30));
        var gate = Gate(probe, clock, new ThrottleOptions { MaxLoad = 4, CriticalLoad = 20 });
        var stop = await gate.WaitAsync(null, CancellationToken.None);
        Assert.StartsWith("critical load 30 > 20", stop, StringComparison.Ordinal);
        Assert.Equal(1, gate.Pauses);
    }

    [Fact]
    public async Task A_probe_without_signals_never_holds_the_run()
    {
        var clock = new ManualClock();
        var gate = new ThrottleGate(NullLoadProbe.Instance, new ThrottlePolicy(new ThrottleOptions { MaxLoad = 0, CriticalLoad = 1 }), clock);
        Assert.Null(await gate.WaitAsync(null, CancellationToken.None));
        Assert.Equal(0, gate.Pauses);
    }
}
