namespace Backfill.OrderBook.Demo;

/// <summary>Everything one snapshot's payload says, before it is serialised (and possibly damaged).</summary>
/// <param name="Sequence">Position within its market, used to order snapshots deterministically.</param>
internal sealed record BookState(
    int MarketIndex,
    int Sequence,
    string MarketId,
    DateTime AtUtc,
    string Status,
    bool Inplay,
    int BetDelay,
    long Version,
    DateTime LastMatchTimeUtc,
    long TotalMatchedCents,
    long TotalAvailableCents,
    IReadOnlyList<RunnerState> Runners)
{
    public int ActiveRunners => Runners.Count(r => r.Status == "ACTIVE");
}
