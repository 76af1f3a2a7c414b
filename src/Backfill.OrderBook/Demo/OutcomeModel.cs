namespace Backfill.OrderBook.Demo;

/// <summary>Home/away/draw probabilities from the current score and the goals each side is still expected to score.</summary>
internal static class OutcomeModel
{
    private const int MaxExtraGoals = 12;

    /// <summary>Probabilities in runner order: home, away, draw.</summary>
    public static double[] Probabilities(double homeExpected, double awayExpected, int homeGoals, int awayGoals)
    {
        Span<double> home = stackalloc double[MaxExtraGoals + 1];
        Span<double> away = stackalloc double[MaxExtraGoals + 1];
        FillPoisson(home, homeExpected);
        FillPoisson(away, awayExpected);

        double homeWin = 0, awayWin = 0, draw = 0;
        for (int i = 0; i <= MaxExtraGoals; i++)
        {
            for (int j = 0; j <= MaxExtraGoals; j++)
            {
                double p = home[i] * away[j];
                int lead = homeGoals + i - (awayGoals + j);
                if (lead > 0)
                {
                    homeWin += p;
                }
                else if (lead < 0)
                {
                    awayWin += p;
                }
                else
                {
                    draw += p;
                }
            }
        }

        double total = homeWin + awayWin + draw;
        return [homeWin / total, awayWin / total, draw / total];
    }

    private static void FillPoisson(Span<double> pmf, double mean)
    {
        pmf[0] = DeterministicMath.Exp(-mean);
        for (int k = 1; k < pmf.Length; k++)
        {
            pmf[k] = pmf[k - 1] * mean / k;
        }
    }
}
