using Backfill.Core.Pipelines;

namespace Backfill.Testing.Behaviour.Pipelines;

/// <summary>What every test processor shares: a failure switch per date, a small delay, and a concurrency gauge.</summary>
public sealed class SlotGauge
{
    private int _now;
    private int _max;

    public int MaxConcurrent => _max;
    public HashSet<(string Processor, DateOnly Date)> FailOn { get; } = [];
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Runs before a slot computes (after the delay), e.g. to cut its connection.</summary>
    public Func<string, DateOnly, Task>? BeforeCompute { get; set; }

    public async Task<T> MeasureAsync<T>(string processor, DateOnly date, Func<Task<T>> body)
    {
        var now = Interlocked.Increment(ref _now);
        lock (this) _max = Math.Max(_max, now);
        try
        {
            await Task.Delay(Delay);
            if (BeforeCompute is { } hook) await hook(processor, date);
            lock (FailOn)
                if (FailOn.Contains((processor, date))) throw new InvalidOperationException($"boom: {processor} cannot compute {date:yyyy-MM-dd}");
            return await body();
        }
        finally
        {
            Interlocked.Decrement(ref _now);
        }
    }
}

/// <summary>
/// A test processor: one row per date, (day, value), where value = f(the values it reads). Tables are tp_*; the schedule is tp_schedule.
/// </summary>
public sealed class ValueProcessor(PartitionProcessorSpec spec, SlotGauge gauge, Func<PartitionContext, CancellationToken, Task<long?>> compute) : IPartitionProcessor
{
    public PartitionProcessorSpec Spec { get; } = spec;
    public IReadOnlyList<string> Columns { get; } = ["day", "value"];

    public Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct) =>
        gauge.MeasureAsync(Spec.Name, context.Date, async () =>
        {
            var value = await compute(context, ct);
            return new PartitionOutput([[context.Date, value]], 1);
        });

    /// <summary>Sum of a table's values over [date - lookback, date].</summary>
    public static Func<PartitionContext, CancellationToken, Task<long?>> SumOf(string table, int lookback = 0) => async (c, ct) =>
    {
        var values = await c.Reader.QueryAsync($"SELECT value FROM {table} WHERE day >= @a AND day <= @b", r => Values.NullableLong(r, 0) ?? 0, ct,
            ("@a", c.Date.AddDays(-lookback)), ("@b", c.Date));
        return values.Sum();
    };
}
