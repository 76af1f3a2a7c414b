namespace Backfill.OrderBook;

/// <summary>One Betfair listMarketBook snapshot, reduced to what the order-book metrics need.</summary>
public sealed class MarketBook
{
    public string? MarketId { get; init; }

    public string? Status { get; init; }

    public bool? Inplay { get; init; }

    public double? TotalMatched { get; init; }

    public IReadOnlyList<RunnerBook> Runners { get; init; } = [];
}
