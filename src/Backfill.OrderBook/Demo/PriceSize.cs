namespace Backfill.OrderBook.Demo;

/// <summary>One ladder level; the size is kept in cents so payload amounts always have at most 2 decimals.</summary>
internal readonly record struct PriceSize(double Price, long SizeCents);
