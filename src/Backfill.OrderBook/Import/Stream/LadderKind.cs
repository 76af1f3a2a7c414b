namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Which stream ladder a snapshot's <c>availableToBack</c>/<c>availableToLay</c> came from. They
/// differ at level 1: best-offers ladders roll stakes under the minimum into the next-worse price.
/// </summary>
public enum LadderKind
{
    /// <summary><c>atb</c>/<c>atl</c>, price-keyed, every price (REST EX_ALL_OFFERS).</summary>
    AllOffers,

    /// <summary><c>batb</c>/<c>batl</c>, level-keyed, rolled up (REST EX_BEST_OFFERS).</summary>
    BestOffers,

    /// <summary><c>bdatb</c>/<c>bdatl</c>, level-keyed, rolled up and including virtual (cross-matched) offers.</summary>
    BestDisplayOffers,
}

/// <summary>The <c>source</c> values stored with stream snapshots.</summary>
public static class StreamSources
{
    public const string AllOffers = "stream:all-offers";
    public const string BestOffers = "stream:best-offers";
    public const string BestDisplayOffers = "stream:best-display-offers";

    public static string For(LadderKind kind) => kind switch
    {
        LadderKind.AllOffers => AllOffers,
        LadderKind.BestOffers => BestOffers,
        LadderKind.BestDisplayOffers => BestDisplayOffers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ladder kind."),
    };
}
