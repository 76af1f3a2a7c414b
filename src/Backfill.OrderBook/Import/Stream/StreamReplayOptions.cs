namespace Backfill.OrderBook.Import.Stream;

/// <summary>How a stream recording is turned into snapshots. Validated once by <see cref="StreamReplayer"/>.</summary>
public sealed record StreamReplayOptions
{
    /// <summary>
    /// At most one snapshot per market per this much publish time (<c>pt</c>); status and in-play
    /// changes and the end of the input always emit. Zero emits every distinct publish time.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Market types to keep (e.g. <c>MATCH_ODDS</c>); empty keeps every market.</summary>
    public IReadOnlyList<string> MarketTypes { get; init; } = [];

    /// <summary>Ladder kind to emit regardless of what a market carries; null prefers all-offers, then best-offers, then best-display.</summary>
    public LadderKind? ForceLadder { get; init; }

    /// <summary>Fill <c>ex.tradedVolume</c> from <c>trd</c> deltas; off by default, which leaves it empty.</summary>
    public bool IncludeTradedVolume { get; init; }

    /// <summary>How many issues <see cref="ReplaySummary.Issues"/> keeps verbatim; all are still counted by kind.</summary>
    public int MaxIssuesKept { get; init; } = 1000;

    /// <summary>A longer line is reported and skipped instead of being buffered.</summary>
    public int MaxLineBytes { get; init; } = 256 * 1024 * 1024;

    internal void Validate()
    {
        if (Interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "Interval must not be negative.");
        }

        if (MaxIssuesKept < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIssuesKept), MaxIssuesKept, "MaxIssuesKept must not be negative.");
        }

        if (MaxLineBytes is < 1024 or > 1 << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLineBytes), MaxLineBytes, "MaxLineBytes must be from 1 KiB to 1 GiB.");
        }

        if (MarketTypes is null || MarketTypes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("MarketTypes must not be null or hold blank names.", nameof(MarketTypes));
        }
    }
}
