namespace Backfill.OrderBook.Demo;

/// <summary>A league; <see cref="Popularity"/> (0..1) scales how much money its matches attract.</summary>
internal sealed record Competition(string Name, double Popularity, IReadOnlyList<Team> Teams);
