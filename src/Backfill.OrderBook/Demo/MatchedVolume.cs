namespace Backfill.OrderBook.Demo;

/// <summary>Cumulative matched money per runner, in cents so totals only ever grow and sum exactly.</summary>
internal sealed class MatchedVolume(int runners)
{
    private readonly long[] _runnerCents = new long[runners];

    public long TotalCents => _runnerCents.Sum();

    public long RunnerCents(int runner) => _runnerCents[runner];

    /// <summary>Raises the market total to <paramref name="targetCents"/>, favouring likelier runners (they attract more money).</summary>
    public void GrowTo(long targetCents, IReadOnlyList<double> probabilities)
    {
        long delta = targetCents - TotalCents;
        if (delta <= 0)
        {
            return;
        }

        double weightSum = probabilities.Sum() + (0.15 * probabilities.Count);
        long given = 0;
        for (int i = 0; i < _runnerCents.Length - 1; i++)
        {
            long share = (long)(delta * (probabilities[i] + 0.15) / weightSum);
            _runnerCents[i] += share;
            given += share;
        }

        _runnerCents[^1] += delta - given;
    }
}
