namespace Backfill.OrderBook;

/// <summary>
/// Which selection plays home, away and draw in a match-odds market, taken from
/// market_event_metadata. A null id means the metadata does not name that role.
/// </summary>
public readonly record struct RoleMap(long? Home, long? Away, long? Draw);
