namespace Backfill.OrderBook.Demo;

/// <summary>Knobs for <see cref="DemoMarketGenerator"/>; the defaults produce the shipped demo.</summary>
public sealed record DemoOptions
{
    public int Seed { get; init; } = 42;

    public int Markets { get; init; } = 40;

    /// <summary>Exact number of snapshots generated, spread over the markets (at least 20 per market).</summary>
    public int TargetSnapshots { get; init; } = 12_000;

    /// <summary>The latest snapshot time (the last market's CLOSED snapshot); markets spread over the ~60 days before it.</summary>
    public DateTime EndUtc { get; init; } = new(2026, 2, 15, 22, 0, 0, DateTimeKind.Utc);
}
