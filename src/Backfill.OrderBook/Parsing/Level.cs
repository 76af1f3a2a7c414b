namespace Backfill.OrderBook;

/// <summary>One rung of a price ladder: a decimal price and the stake offered at it.</summary>
public readonly record struct Level(double Price, double Size);
