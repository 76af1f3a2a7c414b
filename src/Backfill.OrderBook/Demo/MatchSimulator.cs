namespace Backfill.OrderBook.Demo;

/// <summary>
/// Plays one market from T-8h to settlement: prices drift as a random walk pre-match, then follow the score and
/// the clock in-play (each goal jumps them and briefly suspends the market); matched volume only grows.
/// </summary>
internal static class MatchSimulator
{
    // Drift is a mean-reverting random walk (typical excursion ~0.07, i.e. prices wander 5-15% pre-match)
    // rather than a free one, which could carry a 2.4 shot to 1.3 before kickoff.
    private const double DriftReversion = 0.985;
    private const double PreMatchDriftPerPoll = 0.012;
    private const double InPlayDriftPerPoll = 0.005;

    public static IReadOnlyList<BookState> Simulate(Fixture fixture, DemoRandom rng)
    {
        var clock = new MatchClock(rng.Between(112, 118));
        var timeline = SnapshotTimeline.Create(fixture, clock, rng);
        var (homeGoals, awayGoals) = ExpectedGoals(fixture);
        long finalVolumeCents = FinalVolumeCents(fixture, rng);
        var tape = new MarketTape(fixture, rng);

        // Drift moves expectation between the sides (team news, money coming in) without changing the total.
        double drift = 0.05 * rng.NextGaussian();
        foreach (double seconds in timeline.PreMatch)
        {
            drift = (DriftReversion * drift) + (PreMatchDriftPerPoll * rng.NextGaussian());
            double progress = Math.Clamp(1 + (seconds / timeline.PreMatchWindowSeconds), 0, 1);
            var probabilities = OutcomeModel.Probabilities(homeGoals * DeterministicMath.Exp(drift), awayGoals * DeterministicMath.Exp(-drift), 0, 0);
            long volume = (long)(finalVolumeCents * (0.03 + (0.32 * progress * progress * progress)));
            tape.RecordTrading(seconds, MarketTape.Open, inplay: false, probabilities, liquidity: 0.15 + (0.85 * progress * progress), volume);
        }

        var goals = GoalScript.Create(homeGoals * DeterministicMath.Exp(drift), awayGoals * DeterministicMath.Exp(-drift), clock, rng);
        foreach (double seconds in timeline.InPlay)
        {
            drift = (DriftReversion * drift) + (InPlayDriftPerPoll * rng.NextGaussian());
            double left = (90 - clock.MatchMinute(seconds)) / 90;
            var (home, away) = goals.ScoreAt(seconds);
            var probabilities = OutcomeModel.Probabilities(
                homeGoals * DeterministicMath.Exp(drift) * left, awayGoals * DeterministicMath.Exp(-drift) * left, home, away);
            string status = goals.IsSuspendedAt(seconds) ? MarketTape.Suspended : MarketTape.Open;
            long volume = (long)(finalVolumeCents * (0.35 + (0.65 * Math.Min(1, seconds / clock.FullTimeSeconds))));
            tape.RecordTrading(seconds, status, inplay: true, probabilities, liquidity: rng.Between(0.6, 1.0), volume);
        }

        var (finalHome, finalAway) = goals.FinalScore;
        int winner = finalHome > finalAway ? 0 : finalHome < finalAway ? 1 : 2;
        tape.RecordClosed(timeline.ClosedAt, winner, finalVolumeCents);
        return tape.Books;
    }

    /// <summary>Expected goals from the strength gap, with a modest home advantage; equal sides price about 2.2 / 3.4 / 3.8.</summary>
    private static (double Home, double Away) ExpectedGoals(Fixture fixture)
    {
        double gap = fixture.Home.Strength - fixture.Away.Strength;
        return (1.35 * DeterministicMath.Exp((0.6 * gap) + 0.12), 1.15 * DeterministicMath.Exp(-0.6 * gap));
    }

    /// <summary>Big leagues and big clubs attract more money: from tens of thousands to a few million.</summary>
    private static long FinalVolumeCents(Fixture fixture, DemoRandom rng)
    {
        double appeal = Math.Clamp((fixture.Home.Strength + fixture.Away.Strength + 1.3) / 2.6, 0, 1);
        double amount = 40_000 + (2_500_000 * fixture.Competition.Popularity * (0.3 + (0.7 * appeal)) * rng.Between(0.5, 1.5));
        return (long)Math.Round(amount * 100);
    }
}
