namespace Backfill.OrderBook.Import.Stream;

/// <summary>Counts over every input replayed so far by one <see cref="StreamReplayer"/>.</summary>
/// <param name="LinesRead">Lines read, blank ones included.</param>
/// <param name="Messages">Market change messages (<c>mcm</c> with changes) processed.</param>
/// <param name="MarketChanges">Entries of <c>mc</c> applied to a market cache.</param>
/// <param name="Markets">Distinct markets (passing the filter) with at least one snapshot.</param>
/// <param name="MarketsFiltered">Distinct markets left out by the market-type filter.</param>
/// <param name="Skipped">Lines skipped on purpose, by kind (<c>heartbeat</c>, <c>connection</c>, <c>status</c>, ...).</param>
/// <param name="IssuesByKind">Every issue counted by kind; <paramref name="Issues"/> keeps the first few verbatim.</param>
public sealed record ReplaySummary(
    long LinesRead,
    long Messages,
    long MarketChanges,
    int Markets,
    int MarketsFiltered,
    long SnapshotsEmitted,
    long MarketInfosEmitted,
    IReadOnlyDictionary<string, long> Skipped,
    IReadOnlyDictionary<string, long> IssuesByKind,
    IReadOnlyList<ReplayIssue> Issues)
{
    public long IssueCount => IssuesByKind.Values.Sum();
}
