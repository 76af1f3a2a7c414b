namespace Backfill.OrderBook.Demo;

/// <summary>
/// Catalogue data of one MATCH_ODDS market. When <see cref="HasMetadata"/> is false the names are still
/// filled in, but the demo must not store a metadata row for the market (it simulates a market whose
/// catalogue was never fetched).
/// </summary>
public sealed record DemoMarket(
    string MarketId,
    string EventName,
    string CompetitionName,
    DateTime MarketStartTimeUtc,
    long HomeSelectionId,
    long AwaySelectionId,
    long DrawSelectionId,
    string HomeRunnerName,
    string AwayRunnerName,
    string DrawRunnerName,
    bool HasMetadata);
