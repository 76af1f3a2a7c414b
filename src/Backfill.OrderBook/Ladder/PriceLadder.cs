namespace Backfill.OrderBook.Ladder;

/// <summary>
/// The classic Betfair odds ladder: the 350 prices from 1.01 to 1000 at which bets can be placed.
/// </summary>
public static class PriceLadder
{
    /// <summary>How far a price may sit from a ladder price and still count as it (binary floating error).</summary>
    public const double Tolerance = 1e-9;

    // Band upper bounds and tick sizes, both in hundredths so the ladder is built from exact integers.
    private static readonly (int UpToCents, int StepCents)[] Bands =
    [
        (200, 1), (300, 2), (400, 5), (600, 10), (1000, 20),
        (2000, 50), (3000, 100), (5000, 200), (10000, 500), (100000, 1000),
    ];

    private static readonly double[] PriceArray = Build();

    /// <summary>All ladder prices, ascending; index = tick index.</summary>
    public static IReadOnlyList<double> Prices { get; } = Array.AsReadOnly(PriceArray);

    public static double Min => PriceArray[0];

    public static double Max => PriceArray[^1];

    public static bool IsValid(double price) => TickIndex(price) is not null;

    /// <summary>Position of <paramref name="price"/> on the ladder (0 = 1.01), or null when it is not a ladder price.</summary>
    public static int? TickIndex(double price)
    {
        if (!double.IsFinite(price))
        {
            return null;
        }

        int nearest = NearestIndex(price);
        return Math.Abs(PriceArray[nearest] - price) <= Tolerance * Math.Max(1.0, price) ? nearest : null;
    }

    /// <summary>Signed tick distance: positive when <paramref name="to"/> is above <paramref name="from"/>; null if either is off-ladder.</summary>
    public static int? TicksBetween(double from, double to) =>
        TickIndex(from) is int a && TickIndex(to) is int b ? b - a : null;

    /// <summary>The nearest ladder price, clamped to 1.01..1000; an exact midpoint goes to the lower price.</summary>
    public static double Snap(double price) => PriceArray[NearestIndex(RequireNumber(price))];

    /// <summary>
    /// The price <paramref name="ticks"/> ticks away, clamped to the ladder ends.
    /// An off-ladder <paramref name="price"/> is snapped first.
    /// </summary>
    public static double Offset(double price, int ticks)
    {
        long index = (long)NearestIndex(RequireNumber(price)) + ticks;
        return PriceArray[(int)Math.Clamp(index, 0, PriceArray.Length - 1)];
    }

    /// <summary>The highest ladder price not above <paramref name="price"/> (1.01 when below the ladder).</summary>
    public static double Floor(double price)
    {
        int nearest = NearestIndex(RequireNumber(price));
        bool above = PriceArray[nearest] > price + Tolerance * Math.Max(1.0, price);
        return PriceArray[above && nearest > 0 ? nearest - 1 : nearest];
    }

    private static int NearestIndex(double price)
    {
        int index = Array.BinarySearch(PriceArray, price);
        if (index >= 0)
        {
            return index;
        }

        int upper = ~index;
        if (upper == 0)
        {
            return 0;
        }

        if (upper == PriceArray.Length)
        {
            return PriceArray.Length - 1;
        }

        double below = price - PriceArray[upper - 1];
        double above = PriceArray[upper] - price;
        // Treat near-equal distances as a tie so the result does not depend on floating noise.
        return above < below - Tolerance ? upper : upper - 1;
    }

    private static double RequireNumber(double price) =>
        double.IsNaN(price) ? throw new ArgumentException("Price must be a number.", nameof(price)) : price;

    private static double[] Build()
    {
        var prices = new List<double>(350);
        int bandStart = 100; // each band starts one step above the previous band's top (1.00 is below the ladder)
        foreach (var (upTo, step) in Bands)
        {
            for (int cents = bandStart + step; cents <= upTo; cents += step)
            {
                prices.Add(cents / 100.0);
            }

            bandStart = upTo;
        }

        return [.. prices];
    }
}
