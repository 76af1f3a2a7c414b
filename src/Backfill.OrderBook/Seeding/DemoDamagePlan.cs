namespace Backfill.OrderBook.Seeding;

/// <summary>
/// Which derived values the demo's "history" left NULL: the damage of the three order-book runbooks.
/// Deterministic from the snapshot id and time, so a seed always gives the same database.
/// </summary>
public sealed class DemoDamagePlan(DateTime newestSnapshot)
{
    /// <summary>Tier-A columns (seed 001) arrived in a migration: snapshots before it were never computed.</summary>
    public DateTime TierAIntroduced { get; } = newestSnapshot.AddDays(-21);

    /// <summary>Seed 002's ongoing gap: level-1 back sizes stopped being written 7 days ago.</summary>
    public DateTime L1GapStart { get; } = newestSnapshot.AddDays(-7);

    /// <summary>Seed 000: about 14% of rows never got Book Risk L3.</summary>
    public bool BookRiskMissing(long snapshotId) => Mix(snapshotId) % 100 < 14;

    /// <summary>About 0.3% of snapshots never got a derived row at all.</summary>
    public bool DerivedRowMissing(long snapshotId) => Mix(snapshotId ^ 0x5DEECE66DL) % 1000 < 3;

    public bool TierAMissing(DateTime snapshotAt) => snapshotAt < TierAIntroduced;

    public bool L1BackMissing(DateTime snapshotAt) => snapshotAt >= L1GapStart;

    // SplitMix64 finaliser: spreads consecutive ids evenly without a random generator.
    private static ulong Mix(long id)
    {
        var z = (ulong)id + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
