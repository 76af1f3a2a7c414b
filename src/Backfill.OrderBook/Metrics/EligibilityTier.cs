namespace Backfill.OrderBook;

/// <summary>How much of the metric set a snapshot can support.</summary>
public enum EligibilityTier
{
    /// <summary>Metadata present and home, away and draw all quoted on both sides.</summary>
    A,

    /// <summary>A readable book that misses something tier A needs; some metrics will be NULL.</summary>
    B,

    /// <summary>No usable payload (missing or unparsable).</summary>
    C,
}
