namespace Backfill.OrderBook;

/// <summary>Why a metric is NULL; these exact strings are written next to the values.</summary>
public static class NullReasons
{
    /// <summary>The metadata has no selection id for the role.</summary>
    public const string NoMetadata = "no_metadata";

    /// <summary>The role's selection is not among the book's runners.</summary>
    public const string MissingRunner = "missing_runner";

    /// <summary>The side is quoted, but not as deep as the level the column reads.</summary>
    public const string MissingLevel = "missing_level";

    /// <summary>The column reads a side that has no levels at all (its best price, a level, or its VWAP).</summary>
    public const string EmptySide = "empty_side";

    /// <summary>A cross-role metric while another of the three roles is missing.</summary>
    public const string MissingRole = "missing_role";

    /// <summary>Neither the market nor any runner reports a matched volume.</summary>
    public const string MissingVolume = "missing_volume";

    /// <summary>A best price is not on the Betfair price ladder, so ticks cannot be counted.</summary>
    public const string OffLadder = "off_ladder";
}
