using Backfill.OrderBook.Ladder;

namespace Backfill.OrderBook.Demo;

/// <summary>Turns fair outcome probabilities into a 3-level back/lay ladder per runner, as market makers would quote it.</summary>
internal static class BookQuoter
{
    public const int Depth = 3;

    /// <summary>Upper bound of the back-side book percentage (sum of 1 / best back).</summary>
    public const double MaxBackOverround = 1.03;

    private const long MinSizeCents = 2_00;
    private const long MaxSizeCents = 5_000_00;

    /// <param name="liquidity">0..1: scales the sizes on offer (thin early pre-match, deep near kickoff and in-play).</param>
    public static (PriceSize[] Back, PriceSize[] Lay)[] Quote(IReadOnlyList<double> probabilities, bool inplay, double liquidity, DemoRandom rng)
    {
        var bestBacks = BestBacks(probabilities, rng);
        var quotes = new (PriceSize[] Back, PriceSize[] Lay)[probabilities.Count];
        for (int i = 0; i < quotes.Length; i++)
        {
            double back = bestBacks[i];
            double lay = PriceLadder.Offset(back, SpreadTicks(inplay, rng));
            if (lay <= back)
            {
                back = PriceLadder.Offset(PriceLadder.Max, -1); // no room above 1000: step the back price down instead
                lay = PriceLadder.Max;
            }

            quotes[i] = (Levels(back, -1, liquidity, rng), Levels(lay, +1, liquidity, rng));
        }

        return quotes;
    }

    /// <summary>
    /// Best back = the ladder price at or below the fair odds less a small margin, so the back book is at least 100%.
    /// Rounding down can overshoot on coarse ticks; the most over-rounded runners are nudged up until the book is at most 103%.
    /// </summary>
    private static double[] BestBacks(IReadOnlyList<double> probabilities, DemoRandom rng)
    {
        var fair = probabilities.Select(p => Math.Max(p, 1e-6)).ToArray();
        var backs = new double[fair.Length];
        for (int i = 0; i < fair.Length; i++)
        {
            backs[i] = PriceLadder.Floor(1 / (fair[i] * (1 + rng.Between(0.002, 0.008))));
        }

        double book = backs.Sum(b => 1 / b);
        while (book > MaxBackOverround)
        {
            int worst = -1;
            for (int i = 0; i < backs.Length; i++)
            {
                if (backs[i] < PriceLadder.Max && (worst < 0 || (1 / backs[i]) - fair[i] > (1 / backs[worst]) - fair[worst]))
                {
                    worst = i;
                }
            }

            if (worst < 0)
            {
                break;
            }

            double raised = PriceLadder.Offset(backs[worst], 1);
            double raisedBook = book - (1 / backs[worst]) + (1 / raised);
            if (raisedBook < 1)
            {
                break;
            }

            backs[worst] = raised;
            book = raisedBook;
        }

        return backs;
    }

    private static int SpreadTicks(bool inplay, DemoRandom rng)
    {
        double roll = rng.NextDouble();
        return inplay
            ? roll < 0.5 ? 1 : roll < 0.85 ? 2 : 3
            : roll < 0.7 ? 1 : roll < 0.95 ? 2 : 3;
    }

    /// <summary>Up to <see cref="Depth"/> distinct prices walking away from the best price (fewer at the ladder ends).</summary>
    private static PriceSize[] Levels(double best, int direction, double liquidity, DemoRandom rng)
    {
        var levels = new List<PriceSize>(Depth);
        double price = best;
        for (int level = 0; level < Depth; level++)
        {
            levels.Add(new PriceSize(price, Size(level, liquidity, rng)));
            double next = PriceLadder.Offset(price, direction * (rng.Chance(0.2) ? 2 : 1));
            if (next == price)
            {
                break;
            }

            price = next;
        }

        return [.. levels];
    }

    /// <summary>Heavily skewed to small stakes, with the odd big order; deeper levels hold a little more.</summary>
    private static long Size(int level, double liquidity, DemoRandom rng)
    {
        double u = rng.NextDouble();
        double cents = MinSizeCents + ((MaxSizeCents - MinSizeCents) * u * u * u * liquidity * (1 + (0.4 * level)));
        return Math.Clamp((long)Math.Round(cents), MinSizeCents, MaxSizeCents);
    }
}
