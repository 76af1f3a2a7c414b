namespace Backfill.OrderBook.Import.Stream;

/// <summary>The replayed state of one market plus the bookkeeping that decides when to emit it.</summary>
internal sealed class MarketCache(string marketId)
{
    private readonly Dictionary<(long Id, double Handicap), RunnerCache> _byKey = [];
    private List<RunnerCache> _ordered = [];

    public string MarketId { get; } = marketId;

    public bool HasDefinition { get; set; }

    public string? Status { get; set; }

    public bool InPlay { get; set; }

    public string? MarketType { get; set; }

    public string? EventName { get; set; }

    public DateTime? MarketTimeUtc { get; set; }

    public double? TotalMatched { get; set; }

    public bool SawAllOffers { get; set; }

    public bool SawBestOffers { get; set; }

    public bool SawBestDisplayOffers { get; set; }

    /// <summary>Runners in sortPriority order; runners never defined follow in the order first seen.</summary>
    public IReadOnlyList<RunnerCache> Runners => _ordered;

    // Emission bookkeeping (publish times in epoch milliseconds).
    public bool Pending { get; set; }

    public long LastChangePt { get; set; } = long.MinValue;

    public long? LastEmittedPt { get; set; }

    public string? LastEmittedStatus { get; set; }

    public bool LastEmittedInPlay { get; set; }

    public StreamMarketInfo? LastInfo { get; set; }

    public RunnerCache GetOrAddRunner(long selectionId, double handicap)
    {
        if (!_byKey.TryGetValue((selectionId, handicap), out var runner))
        {
            runner = new RunnerCache(selectionId, handicap);
            _byKey.Add((selectionId, handicap), runner);
            _ordered.Add(runner);
        }

        return runner;
    }

    /// <summary>Stable re-order after a definition set sort priorities.</summary>
    public void SortRunners() =>
        _ordered = [.. _ordered.OrderBy(runner => runner.SortPriority ?? int.MaxValue)];

    /// <summary><c>img:true</c>: the book starts over; definition metadata is kept until a new definition replaces it.</summary>
    public void ClearBook()
    {
        TotalMatched = null;
        SawAllOffers = false;
        SawBestOffers = false;
        SawBestDisplayOffers = false;
        foreach (var runner in _ordered)
        {
            runner.ClearBook();
        }
    }

    public LadderKind ChooseLadder(LadderKind? forced) =>
        forced ?? (SawAllOffers ? LadderKind.AllOffers
            : SawBestOffers ? LadderKind.BestOffers
            : SawBestDisplayOffers ? LadderKind.BestDisplayOffers
            : LadderKind.AllOffers);
}
