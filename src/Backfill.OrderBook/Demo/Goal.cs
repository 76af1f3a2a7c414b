namespace Backfill.OrderBook.Demo;

/// <summary>A goal at <see cref="RealSeconds"/> after kickoff; the market is suspended for <see cref="SuspensionSeconds"/> after it.</summary>
internal readonly record struct Goal(double RealSeconds, bool ByHome, double SuspensionSeconds)
{
    public bool Suspends(double realSeconds) => realSeconds >= RealSeconds && realSeconds < RealSeconds + SuspensionSeconds;
}
