namespace Backfill.OrderBook.Demo;

/// <summary>
/// SplitMix64. Used instead of System.Random because its sequence is fixed by this code alone,
/// so the demo stays byte-identical across runtimes and platforms.
/// </summary>
internal sealed class DemoRandom(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;

    /// <summary>An independent stream per (seed, stream) so one market's draws never shift another's.</summary>
    public static DemoRandom ForStream(int seed, int stream) =>
        new(Mix(((ulong)(uint)seed * Golden) ^ Mix((ulong)(uint)stream + 1)));

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Approximately standard normal (Irwin-Hall of four uniforms): avoids Math.Log, whose last bit may vary by platform.</summary>
    public double NextGaussian()
    {
        double sum = NextDouble() + NextDouble() + NextDouble() + NextDouble();
        return (sum - 2.0) * 1.7320508075688772;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
