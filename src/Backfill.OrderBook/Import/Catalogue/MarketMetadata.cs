namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>
/// A row of <c>market_event_metadata</c>: what the catalogue says about a market, with the home,
/// away and draw runners of a football MATCH_ODDS market. Fields are null where unknown; a market
/// that is not MATCH_ODDS, or whose roles could not be assigned, has no roles.
/// </summary>
public sealed record MarketMetadata(
    string MarketId,
    string? EventName,
    string? CompetitionName,
    DateTime? MarketStartTimeUtc,
    long? HomeSelectionId,
    long? AwaySelectionId,
    long? DrawSelectionId,
    string? HomeRunnerName,
    string? AwayRunnerName,
    string? DrawRunnerName)
{
    public MetadataRow ToMetadataRow() => new(MarketId, EventName, CompetitionName, MarketStartTimeUtc,
        HomeSelectionId, AwaySelectionId, DrawSelectionId, HomeRunnerName, AwayRunnerName, DrawRunnerName);
}

/// <summary>Why a MATCH_ODDS market got no roles, or why its roles disagree with its event name.</summary>
public sealed record RoleWarning(string MarketId, string Message);

/// <summary>Everything read from one catalogue file.</summary>
public sealed record CatalogueImport(
    string File,
    IReadOnlyList<CatalogueMarket> Markets,
    IReadOnlyList<MarketMetadata> Metadata,
    IReadOnlyList<RoleWarning> Warnings,
    IReadOnlyList<Rest.ImportIssue> Issues);
