namespace Backfill.OrderBook.Demo;

/// <summary>
/// Math.Exp defers to the platform's C runtime and may differ in the last bit between machines, which could
/// flip a price by a tick. This version uses only correctly rounded IEEE operations, so results are identical everywhere.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2 = 0.6931471805599453;

    public static double Exp(double x)
    {
        if (x < -700)
        {
            return 0;
        }

        if (x > 700)
        {
            return double.PositiveInfinity;
        }

        // exp(x) = 2^k * exp(r) with |r| <= ln2 / 2, where a short Taylor series is exact to double precision.
        double k = Math.Round(x / Ln2);
        double r = x - (k * Ln2);
        double series = 1;
        for (int n = 18; n >= 1; n--)
        {
            series = 1 + (r * series / n);
        }

        return Math.ScaleB(series, (int)k);
    }
}
