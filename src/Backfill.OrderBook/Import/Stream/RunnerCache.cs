namespace Backfill.OrderBook.Import.Stream;

/// <summary>Everything the stream has said about one runner (a selection at one handicap).</summary>
internal sealed class RunnerCache(long selectionId, double handicap)
{
    public long SelectionId { get; } = selectionId;

    public double Handicap { get; } = handicap;

    public int? SortPriority { get; set; }

    public string? Name { get; set; }

    public string Status { get; set; } = "ACTIVE";

    public double? LastPriceTraded { get; set; }

    public double? TotalMatched { get; set; }

    public PriceKeyedLadder AllBack { get; } = new();

    public PriceKeyedLadder AllLay { get; } = new();

    public LevelKeyedLadder BestBack { get; } = new();

    public LevelKeyedLadder BestLay { get; } = new();

    public LevelKeyedLadder DisplayBack { get; } = new();

    public LevelKeyedLadder DisplayLay { get; } = new();

    public PriceKeyedLadder Traded { get; } = new();

    public PriceKeyedLadder StartingPriceBack { get; } = new();

    public PriceKeyedLadder StartingPriceLay { get; } = new();

    /// <summary>An image replaces the runner's book; its definition metadata stays.</summary>
    public void ClearBook()
    {
        LastPriceTraded = null;
        TotalMatched = null;
        AllBack.Clear();
        AllLay.Clear();
        BestBack.Clear();
        BestLay.Clear();
        DisplayBack.Clear();
        DisplayLay.Clear();
        Traded.Clear();
        StartingPriceBack.Clear();
        StartingPriceLay.Clear();
    }
}
