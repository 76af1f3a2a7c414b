namespace Backfill.OrderBook.Demo;

/// <summary>How a demo snapshot's payload was deliberately damaged.</summary>
public enum DemoPayloadDamage
{
    None,

    /// <summary>RawPayload is null.</summary>
    Missing,

    /// <summary>RawPayload is the valid JSON cut short (40%..80% of its length), so it does not parse.</summary>
    Truncated,

    /// <summary>One runner's availableToLay is empty: the book is only partially reconstructable.</summary>
    EmptyLay,
}
