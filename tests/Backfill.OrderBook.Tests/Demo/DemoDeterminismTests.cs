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
        // The shipped demo must be byte-identical on every machine and only change on purpose:
        // if you change the generator deliberately, update this fingerprint in the same commit.
        Assert.Equal("64965FC8C89C3011C9F5FA4331561FDC7B9BCB19A62AF26A3D198CD65A112817", DemoFingerprint.Of(DemoData.Default));
    }
}
