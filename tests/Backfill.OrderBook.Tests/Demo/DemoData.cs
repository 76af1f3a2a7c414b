using Backfill.OrderBook.Demo;

namespace Backfill.OrderBook.Tests.Demo;

/// <summary>The default demo, generated once for all tests that only read it.</summary>
internal static class DemoData
{
    public static DemoOptions Options { get; } = new();

    public static DemoDataset Default { get; } = DemoMarketGenerator.Generate(Options);

    public static ILookup<string, DemoSnapshot> ByMarket { get; } = Default.Snapshots.ToLookup(s => s.MarketId);
}
