namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>One runner of a listMarketCatalogue market. Names and sort priorities need the RUNNER_DESCRIPTION projection.</summary>
public sealed record CatalogueRunner(long SelectionId, string? RunnerName, int? SortPriority);

/// <summary>
/// One market of a listMarketCatalogue response. <see cref="MarketType"/> comes from
/// <c>description.marketType</c>; <see cref="MarketStartTimeUtc"/> from <c>marketStartTime</c>, or
/// else <c>description.marketTime</c> (Betfair's "scheduled start of the market"; the event's
/// <c>openDate</c> is not used). Everything but the id and the runners' ids is optional.
/// </summary>
public sealed record CatalogueMarket(
    string MarketId,
    string? MarketName,
    string? MarketType,
    string? EventName,
    string? CompetitionName,
    DateTime? MarketStartTimeUtc,
    IReadOnlyList<CatalogueRunner> Runners)
{
    /// <summary>The 1-based line where the market object starts in its file.</summary>
    public long Line { get; init; }
}
