using System.Diagnostics;
using Backfill.OrderBook.Demo;

namespace Backfill.OrderBook.Tests.Demo;

public sealed class DemoDeterminismTests
{
    [Fact]
    public void Same_options_give_identical_output()
    {
        var again = DemoMarketGenerator.Generate(new DemoOptions());

        Assert.Equal(DemoData.Default.Markets, again.Markets);
        Assert.Equal(DemoData.Default.Snapshots, again.Snapshots); // record equality: every field incl. the payload text
    }

    [Fact]
    public void A_different_seed_gives_different_output()
    {
        var other = DemoMarketGenerator.Generate(new DemoOptions { Seed = 7 });

        Assert.NotEqual(
            DemoData.Default.Markets.Select(m => m.EventName),
            other.Markets.Select(m => m.EventName));
        Assert.NotEqual(
            DemoData.Default.Snapshots.Select(s => s.RawPayload),
            other.Snapshots.Select(s => s.RawPayload));
    }

    [Fact]
    public void Default_demo_is_pinned()
    {
        // Guards against accidental changes: the shipped demo must only change on purpose.
        var first = DemoData.Default.Markets[0];
        var last = DemoData.Default.Markets[^1];

        Assert.Equal(DemoData.Options.EndUtc, DemoData.Default.Snapshots[^1].SnapshotAtUtc);
        Assert.Equal(new DateTime(2026, 2, 15, 20, 0, 0, DateTimeKind.Utc), last.MarketStartTimeUtc);
        Assert.StartsWith("1.2534", first.MarketId, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_the_default_demo_is_fast()
    {
        var stopwatch = Stopwatch.StartNew();
        DemoMarketGenerator.Generate(new DemoOptions { Seed = 3 });

        // Typically ~0.1-0.3 s; the bound is loose so a busy CI machine does not make it flaky.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }
}
