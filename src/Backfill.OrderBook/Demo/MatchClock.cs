namespace Backfill.OrderBook.Demo;

/// <summary>
/// Maps real seconds since kickoff to the match minute (0..90): a 47-minute first half, a 15-minute
/// break with the clock stopped, and a second half that ends at the final whistle.
/// </summary>
internal sealed class MatchClock(double fullTimeMinutes)
{
    private const double FirstHalfMinutes = 47;
    private const double SecondHalfStartMinutes = 62;

    /// <summary>Real minutes from kickoff to the final whistle (about 112..118).</summary>
    public double FullTimeMinutes { get; } = fullTimeMinutes;

    public double FullTimeSeconds => FullTimeMinutes * 60;

    public double MatchMinute(double realSeconds)
    {
        double real = realSeconds / 60;
        if (real < FirstHalfMinutes)
        {
            return Math.Max(0, real * 45 / FirstHalfMinutes);
        }

        if (real < SecondHalfStartMinutes)
        {
            return 45;
        }

        return Math.Min(90, 45 + ((real - SecondHalfStartMinutes) * 45 / (FullTimeMinutes - SecondHalfStartMinutes)));
    }

    public double RealSeconds(double matchMinute)
    {
        double real = matchMinute < 45
            ? matchMinute * FirstHalfMinutes / 45
            : SecondHalfStartMinutes + ((matchMinute - 45) * (FullTimeMinutes - SecondHalfStartMinutes) / 45);
        return real * 60;
    }
}
