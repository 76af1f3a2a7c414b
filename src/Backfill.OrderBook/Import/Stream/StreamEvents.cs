namespace Backfill.OrderBook.Import.Stream;

/// <summary>What a replay yields, in order: <see cref="StreamSnapshot"/> and <see cref="StreamMarketInfo"/>.</summary>
public abstract record StreamEvent;

/// <summary>
/// The book of one market at <paramref name="PublishedUtc"/>, as a listMarketBook <c>MarketBook</c>
/// JSON string (<paramref name="PayloadJson"/>) that the REST reader parses unchanged.
/// </summary>
public sealed record StreamSnapshot(
    string MarketId, DateTime PublishedUtc, string PayloadJson, string Status, bool InPlay, double? TotalMatched, string Source)
    : StreamEvent;

/// <summary>
/// Market metadata from its latest definition; yielded when first known and whenever it changes.
/// Runners are in sortPriority order; names are present only where the recording carries them.
/// Asian-handicap markets list one entry per (selection, handicap) line, so ids repeat there.
/// </summary>
public sealed record StreamMarketInfo(
    string MarketId, string? EventName, string? MarketType, DateTime? MarketTimeUtc,
    IReadOnlyList<(long SelectionId, int? SortPriority, string? Name, string Status)> Runners)
    : StreamEvent;
