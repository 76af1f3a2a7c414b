namespace Backfill.OrderBook.Import.Rest;

/// <summary>
/// One MarketBook read from a listMarketBook response file.
/// <see cref="PayloadJson"/> is the MarketBook object's text exactly as it appears in the file (a slice
/// of the original bytes, never re-serialised), and it always parses with <see cref="MarketBookReader"/>.
/// <see cref="RecordedUtc"/> is the poll time when the file carries one (a <c>pt</c> field, epoch
/// milliseconds, on the response or the MarketBook); Betfair's own fields never give it
/// (<c>lastMatchTime</c> is the last trade, which can be hours before the poll), so it is usually
/// null and the caller supplies the time.
/// </summary>
public sealed record RestMarketBook(
    string MarketId, string PayloadJson, DateTime? RecordedUtc, string? Status, bool? InPlay, double? TotalMatched, int Runners)
{
    /// <summary>The 1-based line where the MarketBook object starts in its file.</summary>
    public long Line { get; init; }

    /// <summary>The row to store, timed at <see cref="RecordedUtc"/> or else <paramref name="fallbackUtc"/>.</summary>
    public SnapshotRow ToSnapshotRow(DateTime fallbackUtc, string source) =>
        new(MarketId, RecordedUtc ?? fallbackUtc, PayloadJson, TotalMatched, InPlay, Status, source);
}

/// <summary>Everything read from one file: its MarketBooks in file order, and what could not be read.</summary>
public sealed record RestImport(string File, IReadOnlyList<RestMarketBook> Books, IReadOnlyList<ImportIssue> Issues);
