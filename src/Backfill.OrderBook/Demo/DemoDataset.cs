namespace Backfill.OrderBook.Demo;

/// <summary>Markets in kickoff (= market id) order; snapshots in id order, which is also time order.</summary>
public sealed record DemoDataset(IReadOnlyList<DemoMarket> Markets, IReadOnlyList<DemoSnapshot> Snapshots);
