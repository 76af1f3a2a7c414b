using System.Diagnostics;
using System.Globalization;

namespace Backfill.Bench;

/// <summary>
/// A fixed single-threaded workload with no Backfill code and no database in it, timed at the start and the end
/// of a run: on a shared machine whose speed changes from day to day, it says how fast this machine was today,
/// so absolute rates of two runs can be compared through it (the references in the report do the same with the
/// database in the loop).
/// </summary>
internal static class CpuCalibration
{
    private const int Numbers = 1_000_000;

    /// <summary>Median of 9 (after a warm-up) of: sort 1M pseudo-random integers, then format and parse 1M doubles.</summary>
    public static TimeSpan Measure()
    {
        var random = new Random(20261202);
        var source = Enumerable.Range(0, Numbers).Select(_ => random.Next()).ToArray();
        var texts = new string[Numbers];
        var times = new List<TimeSpan>();
        for (var round = 0; round < 10; round++)
        {
            var watch = Stopwatch.StartNew();
            var ints = (int[])source.Clone();
            Array.Sort(ints);
            double sum = 0;
            for (var i = 0; i < Numbers; i++) texts[i] = (ints[i] / 997.0).ToString("R", CultureInfo.InvariantCulture);
            for (var i = 0; i < Numbers; i++) sum += double.Parse(texts[i], CultureInfo.InvariantCulture);
            watch.Stop();
            if (sum < 0) throw new InvalidOperationException("unreachable: keeps the loop");
            if (round > 0) times.Add(watch.Elapsed); // the first round warms up the JIT
        }
        return times.Order().ElementAt(times.Count / 2);
    }
}
