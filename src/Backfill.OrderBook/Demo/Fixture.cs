namespace Backfill.OrderBook.Demo;

/// <summary>One planned market: who plays when, and how many snapshots it gets.</summary>
/// <param name="Index">Position in kickoff order; also selects the market's random stream.</param>
/// <param name="ClosedAtUtc">Forced time of the CLOSED snapshot (the final market closes exactly at EndUtc); null = shortly after full time.</param>
internal sealed record Fixture(
    int Index,
    string MarketId,
    Competition Competition,
    Team Home,
    Team Away,
    DateTime KickoffUtc,
    int SnapshotCount,
    bool HasMetadata,
    DateTime? ClosedAtUtc)
{
    public string EventName => $"{Home.Name} v {Away.Name}";
}
