namespace Backfill.OrderBook;

/// <summary>Aggregates over the best <c>depth</c> levels of one ladder side (fewer if the side is shorter).</summary>
internal readonly struct SideDepth
{
    private SideDepth(double stake, double notional, double liability)
    {
        Stake = stake;
        Notional = notional;
        Liability = liability;
    }

    /// <summary>Sum of sizes; 0 for a side with no levels.</summary>
    public double Stake { get; }

    /// <summary>Sum of size × price.</summary>
    public double Notional { get; }

    /// <summary>Sum of size × (price − 1): what the layer of those bets stands to pay out.</summary>
    public double Liability { get; }

    /// <summary>Size-weighted mean price; undefined (null) over zero stake.</summary>
    public double? WeightedPrice => Stake > 0 ? Notional / Stake : null;

    public static SideDepth Of(Level[] levels, int depth)
    {
        double stake = 0, notional = 0, liability = 0;
        var count = Math.Min(depth, levels.Length);
        for (var i = 0; i < count; i++)
        {
            var (price, size) = levels[i];
            stake += size;
            notional += size * price;
            liability += size * (price - 1);
        }

        return new SideDepth(stake, notional, liability);
    }
}
