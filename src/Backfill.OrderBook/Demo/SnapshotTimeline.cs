namespace Backfill.OrderBook.Demo;

/// <summary>
/// When a market is polled, in seconds relative to kickoff: irregular pre-match polls from about T-8h that
/// get denser towards kickoff, then in-play polls every ~30-60 s until full time, then one CLOSED poll.
/// </summary>
internal sealed record SnapshotTimeline(double PreMatchWindowSeconds, double[] PreMatch, double[] InPlay, double ClosedAt)
{
    private const double InPlayShare = 0.55;

    public static SnapshotTimeline Create(Fixture fixture, MatchClock clock, DemoRandom rng)
    {
        int inPlayCount = (int)Math.Round((fixture.SnapshotCount - 1) * InPlayShare);
        int preMatchCount = fixture.SnapshotCount - 1 - inPlayCount;
        double window = rng.Between(7.67, 8.33) * 3600;

        var preMatch = new double[preMatchCount];
        for (int k = 0; k < preMatchCount; k++)
        {
            // Jittered even spacing, squared so polls bunch up near kickoff; the last is at least 20 s before it.
            double x = (k + rng.Between(0.15, 0.85)) / preMatchCount;
            preMatch[k] = -(20 + ((window - 20) * (1 - x) * (1 - x)));
        }

        var inPlay = new double[inPlayCount];
        for (int j = 0; j < inPlayCount; j++)
        {
            inPlay[j] = clock.FullTimeSeconds * (j + rng.Between(0.35, 0.65)) / inPlayCount;
        }

        double closedAt = fixture.ClosedAtUtc is { } forced
            ? (forced - fixture.KickoffUtc).TotalSeconds
            : clock.FullTimeSeconds + rng.Between(60, 240);
        return new SnapshotTimeline(window, preMatch, inPlay, closedAt);
    }

    /// <summary>Kickoff plus an offset, rounded to whole milliseconds like a stored timestamp.</summary>
    public static DateTime At(DateTime kickoffUtc, double secondsFromKickoff) =>
        kickoffUtc.AddTicks((long)Math.Round(secondsFromKickoff * 1000) * TimeSpan.TicksPerMillisecond);
}
