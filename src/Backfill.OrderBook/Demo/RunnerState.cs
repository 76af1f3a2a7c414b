namespace Backfill.OrderBook.Demo;

/// <summary>One runner inside a <see cref="BookState"/>; Back is best (highest) first, Lay best (lowest) first.</summary>
internal sealed record RunnerState(
    long SelectionId,
    string Status,
    double LastPriceTraded,
    long TotalMatchedCents,
    IReadOnlyList<PriceSize> Back,
    IReadOnlyList<PriceSize> Lay);
