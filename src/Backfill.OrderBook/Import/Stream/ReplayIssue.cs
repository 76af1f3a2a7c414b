namespace Backfill.OrderBook.Import.Stream;

/// <summary>Something in the input that could not be applied; the replay went on past it.</summary>
/// <param name="Line">1-based line number in <paramref name="File"/>; 0 for end-of-input findings.</param>
/// <param name="Kind">One of <see cref="ReplayIssueKinds"/>.</param>
public sealed record ReplayIssue(string File, long Line, string Kind, string Message);

/// <summary>The fixed vocabulary of <see cref="ReplayIssue.Kind"/>.</summary>
public static class ReplayIssueKinds
{
    /// <summary>The line is not valid JSON (truncated, bare NaN, garbage).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>A required field is absent (message <c>op</c> or <c>pt</c>, market <c>id</c>, runner <c>id</c>).</summary>
    public const string MissingField = "missing-field";

    /// <summary>A field holds the wrong JSON type; that field (or element) is ignored.</summary>
    public const string WrongType = "wrong-type";

    /// <summary>An <c>op</c> this replayer does not know.</summary>
    public const string UnknownOp = "unknown-op";

    /// <summary>A change for a market never imaged and never defined; the change is dropped.</summary>
    public const string NotImaged = "not-imaged";

    /// <summary>A delta with a negative size (or volume); the delta is dropped.</summary>
    public const string NegativeSize = "negative-size";

    /// <summary>A number that overflows to infinity; the value is dropped.</summary>
    public const string NotFinite = "not-finite";

    /// <summary>A price at or below 1 with a positive size; the delta is dropped.</summary>
    public const string InvalidPrice = "invalid-price";

    /// <summary>A level-keyed delta whose level is not a small non-negative integer.</summary>
    public const string InvalidLevel = "invalid-level";

    /// <summary>A line longer than <see cref="StreamReplayOptions.MaxLineBytes"/>; it is skipped.</summary>
    public const string LineTooLong = "line-too-long";

    /// <summary>A publish time earlier than the previous line's; the market keeps its later time.</summary>
    public const string PublishTimeBackwards = "pt-backwards";

    /// <summary>A market had changes but never a definition, so no snapshot of it could be emitted.</summary>
    public const string NoDefinition = "no-definition";
}
