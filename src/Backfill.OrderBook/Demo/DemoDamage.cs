namespace Backfill.OrderBook.Demo;

/// <summary>
/// The demo's deliberate payload damage, a pure function of the snapshot id (and status) so tests and
/// SQL can predict exactly which snapshots are affected:
///   id % 200 == 137                     → Missing   (0.5%)
///   id % 333 == 71                      → Truncated (~0.3%; Missing wins if both match)
///   id % 100 == 42 and status != CLOSED → EmptyLay  (~1%; CLOSED books have no prices to remove)
/// For EmptyLay the emptied runner is <see cref="EmptyLayRunnerIndex"/> in payload order (0 home, 1 away, 2 draw).
/// Separately, exactly one market has no metadata: see <see cref="NoMetadataMarketIndex"/>.
/// </summary>
public static class DemoDamage
{
    public static DemoPayloadDamage For(long snapshotId, string status)
    {
        if (snapshotId % 200 == 137)
        {
            return DemoPayloadDamage.Missing;
        }

        if (snapshotId % 333 == 71)
        {
            return DemoPayloadDamage.Truncated;
        }

        return snapshotId % 100 == 42 && status != "CLOSED" ? DemoPayloadDamage.EmptyLay : DemoPayloadDamage.None;
    }

    /// <summary>Which runner (payload order) loses its lay side in an <see cref="DemoPayloadDamage.EmptyLay"/> snapshot.</summary>
    public static int EmptyLayRunnerIndex(long snapshotId) => (int)(snapshotId / 100 % 3);

    /// <summary>Characters kept of a <see cref="DemoPayloadDamage.Truncated"/> payload: 40%..80% of it, never all.</summary>
    public static int TruncatedLength(long snapshotId, int payloadLength) =>
        (int)(payloadLength * (40 + (snapshotId % 41)) / 100);

    /// <summary>Position in <see cref="DemoDataset.Markets"/> (kickoff order) of the one market without metadata: Markets / 2.</summary>
    public static int NoMetadataMarketIndex(int markets) => FixtureScheduler.NoMetadataIndex(markets);
}
