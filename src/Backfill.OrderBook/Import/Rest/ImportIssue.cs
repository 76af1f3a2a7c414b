namespace Backfill.OrderBook.Import.Rest;

/// <summary>
/// Something in an input file that could not be imported. <see cref="Line"/> is 1-based: the line
/// where the bad JSON was found, or where the rejected record (MarketBook, catalogue market) begins.
/// </summary>
public sealed record ImportIssue(string File, long Line, string Kind, string Message);

/// <summary>The values of <see cref="ImportIssue.Kind"/>.</summary>
public static class ImportIssueKinds
{
    /// <summary>Not well-formed JSON (truncated, NaN, stray text); the rest of that line or document is lost.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>Well-formed JSON of the wrong shape: <c>result</c> not an array, a number where a record should be.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A record without a usable <c>marketId</c>.</summary>
    public const string MissingMarketId = "missing-market-id";

    /// <summary>A MarketBook the order-book parser rejects (e.g. <c>runners is not an array</c>).</summary>
    public const string InvalidMarketBook = "invalid-market-book";

    /// <summary>A catalogue market with a field of the wrong type or a runner without a selectionId.</summary>
    public const string InvalidCatalogueMarket = "invalid-catalogue-market";

    /// <summary>A JSON-RPC response that carries an <c>error</c> instead of a result.</summary>
    public const string RpcError = "json-rpc-error";

    /// <summary>A <c>pt</c> poll time that is not epoch milliseconds; the record is kept without a time.</summary>
    public const string BadPollTime = "bad-poll-time";

    /// <summary>A line or document above the size limit; it is skipped.</summary>
    public const string TooLarge = "too-large";

    /// <summary>A file with no JSON in it at all.</summary>
    public const string Empty = "empty";
}
