namespace Backfill.OrderBook.Demo;

/// <summary>
/// One stored listMarketBook response. <see cref="TotalMatched"/>, <see cref="Inplay"/> and <see cref="Status"/>
/// are the columns an ingester records at fetch time, so they stay filled even when the payload is damaged
/// (see <see cref="DemoDamage"/>).
/// </summary>
public sealed record DemoSnapshot(
    long SnapshotId,
    string MarketId,
    DateTime SnapshotAtUtc,
    string? RawPayload,
    double? TotalMatched,
    bool Inplay,
    string Status);
