namespace Backfill.OrderBook.Demo;

/// <summary>The match's goals, fixed at kickoff: a per-minute Poisson-like draw from each side's expected goals.</summary>
internal sealed class GoalScript
{
    private readonly Goal[] _goals;

    private GoalScript(Goal[] goals) => _goals = goals;

    public static GoalScript Create(double homeExpected, double awayExpected, MatchClock clock, DemoRandom rng)
    {
        var goals = new List<Goal>();
        for (int minute = 0; minute < 90; minute++)
        {
            if (rng.Chance(homeExpected / 90))
            {
                goals.Add(new Goal(clock.RealSeconds(minute + rng.NextDouble()), true, rng.Between(30, 75)));
            }

            if (rng.Chance(awayExpected / 90))
            {
                goals.Add(new Goal(clock.RealSeconds(minute + rng.NextDouble()), false, rng.Between(30, 75)));
            }
        }

        return new GoalScript([.. goals.OrderBy(g => g.RealSeconds)]);
    }

    public (int Home, int Away) ScoreAt(double realSeconds)
    {
        int home = 0, away = 0;
        foreach (var goal in _goals)
        {
            if (goal.RealSeconds > realSeconds)
            {
                continue;
            }

            if (goal.ByHome)
            {
                home++;
            }
            else
            {
                away++;
            }
        }

        return (home, away);
    }

    public (int Home, int Away) FinalScore => ScoreAt(double.MaxValue);

    public bool IsSuspendedAt(double realSeconds) => _goals.Any(g => g.Suspends(realSeconds));
}
