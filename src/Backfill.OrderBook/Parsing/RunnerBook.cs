namespace Backfill.OrderBook;

/// <summary>One runner of a <see cref="MarketBook"/> snapshot.</summary>
public sealed class RunnerBook
{
    private readonly Level[] _back = [];
    private readonly Level[] _lay = [];

    public long SelectionId { get; init; }

    public string? Status { get; init; }

    public double? TotalMatched { get; init; }

    public double? LastPriceTraded { get; init; }

    /// <summary>
    /// The record carries both ladder arrays (<c>ex.availableToBack</c> and <c>ex.availableToLay</c>),
    /// even if one is empty: an empty side is a fact about the market, a missing array is missing data.
    /// </summary>
    public bool HasBothLadders { get; init; } = true;

    /// <summary>
    /// Offers to back (<c>ex.availableToBack</c>): usable levels only, highest price first.
    /// Normalised on assignment so hand-built books obey the same invariant as parsed ones.
    /// </summary>
    public Level[] Back
    {
        get => _back;
        init => _back = LevelOrdering.Normalize(value, descending: true);
    }

    /// <summary>Offers to lay (<c>ex.availableToLay</c>): usable levels only, lowest price first.</summary>
    public Level[] Lay
    {
        get => _lay;
        init => _lay = LevelOrdering.Normalize(value, descending: false);
    }
}
