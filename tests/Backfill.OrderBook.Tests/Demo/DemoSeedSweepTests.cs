using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Ladder;

namespace Backfill.OrderBook.Tests.Demo;

/// <summary>The default demo is tested in depth; other seeds must keep the same structural guarantees.</summary>
public sealed class DemoSeedSweepTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Other_seeds_keep_the_invariants(int seed)
    {
        var options = new DemoOptions { Seed = seed };
        var demo = DemoMarketGenerator.Generate(options);

        Assert.Equal(options.TargetSnapshots, demo.Snapshots.Count);
        Assert.Equal(options.EndUtc, demo.Snapshots[^1].SnapshotAtUtc);
        Assert.Single(demo.Markets, m => !m.HasMetadata);
        Assert.InRange(demo.Snapshots.Count(s => s.SnapshotAtUtc > options.EndUtc.AddDays(-7)) / (double)demo.Snapshots.Count, 0.20, 0.32);

        foreach (var snapshot in demo.Snapshots)
        {
            var damage = DemoDamage.For(snapshot.SnapshotId, snapshot.Status);
            if (damage is DemoPayloadDamage.Missing or DemoPayloadDamage.Truncated || snapshot.Status == "CLOSED")
            {
                continue;
            }

            var book = BookView.Parse(snapshot.RawPayload!);
            double backBook = 0;
            foreach (var runner in book.Runners)
            {
                Assert.All(runner.Back.Concat(runner.Lay), level => Assert.True(PriceLadder.IsValid(level.Price)));
                Assert.True(runner.Lay.Count == 0 || runner.Back[0].Price < runner.Lay[0].Price);
                backBook += 1 / runner.Back[0].Price;
            }

            Assert.InRange(backBook, snapshot.Inplay ? 0.98 : 1.0, 1.03);
        }
    }
}
