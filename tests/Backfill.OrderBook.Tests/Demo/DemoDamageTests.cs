using System.Text.Json;
using Backfill.OrderBook.Demo;

namespace Backfill.OrderBook.Tests.Demo;

public sealed class DemoDamageTests
{
    private static IReadOnlyList<DemoSnapshot> Snapshots => DemoData.Default.Snapshots;

    [Fact]
    public void Damage_follows_the_documented_id_rules()
    {
        Assert.Equal(DemoPayloadDamage.Missing, DemoDamage.For(137, "OPEN"));
        Assert.Equal(DemoPayloadDamage.Missing, DemoDamage.For(337, "CLOSED"));
        Assert.Equal(DemoPayloadDamage.Truncated, DemoDamage.For(71, "OPEN"));
        Assert.Equal(DemoPayloadDamage.Truncated, DemoDamage.For(404, "SUSPENDED"));
        Assert.Equal(DemoPayloadDamage.EmptyLay, DemoDamage.For(42, "OPEN"));
        Assert.Equal(DemoPayloadDamage.None, DemoDamage.For(42, "CLOSED"));
        Assert.Equal(DemoPayloadDamage.None, DemoDamage.For(1, "OPEN"));
        Assert.Equal(0, DemoDamage.EmptyLayRunnerIndex(42));
        Assert.Equal(1, DemoDamage.EmptyLayRunnerIndex(142));
        Assert.Equal(2, DemoDamage.EmptyLayRunnerIndex(242));
    }

    [Fact]
    public void Damage_proportions_are_as_advertised()
    {
        double Share(DemoPayloadDamage damage) =>
            Snapshots.Count(s => DemoDamage.For(s.SnapshotId, s.Status) == damage) / (double)Snapshots.Count;

        Assert.Equal(0.005, Share(DemoPayloadDamage.Missing), 3);
        Assert.InRange(Share(DemoPayloadDamage.Truncated), 0.0025, 0.0035);
        Assert.InRange(Share(DemoPayloadDamage.EmptyLay), 0.009, 0.011);
        Assert.Equal(60, Snapshots.Count(s => s.RawPayload is null));
    }

    [Fact]
    public void Missing_payloads_are_null_but_keep_their_columns()
    {
        Assert.All(Snapshots, s =>
        {
            bool missing = DemoDamage.For(s.SnapshotId, s.Status) == DemoPayloadDamage.Missing;
            Assert.Equal(missing, s.RawPayload is null);
            Assert.NotNull(s.TotalMatched);
        });
    }

    [Fact]
    public void Truncated_payloads_are_cut_short_and_do_not_parse()
    {
        var truncated = Snapshots.Where(s => DemoDamage.For(s.SnapshotId, s.Status) == DemoPayloadDamage.Truncated).ToList();

        Assert.NotEmpty(truncated);
        Assert.All(truncated, s =>
        {
            Assert.StartsWith("{\"marketId\":\"", s.RawPayload, StringComparison.Ordinal);
            Assert.InRange(s.RawPayload!.Length, 150, 1_700);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(s.RawPayload).Dispose());
        });
    }

    [Fact]
    public void Empty_lay_books_lose_exactly_the_documented_runners_lay_side()
    {
        foreach (var snapshot in Snapshots.Where(s => s.RawPayload is not null && s.Status != "CLOSED"))
        {
            var damage = DemoDamage.For(snapshot.SnapshotId, snapshot.Status);
            if (damage == DemoPayloadDamage.Truncated)
            {
                continue;
            }

            var emptyLay = BookView.Parse(snapshot.RawPayload!).Runners
                .Select((runner, index) => (runner, index))
                .Where(x => x.runner.Lay.Count == 0)
                .Select(x => x.index)
                .ToList();
            if (damage == DemoPayloadDamage.EmptyLay)
            {
                Assert.Equal([DemoDamage.EmptyLayRunnerIndex(snapshot.SnapshotId)], emptyLay);
            }
            else
            {
                Assert.Empty(emptyLay);
            }
        }
    }

    [Fact]
    public void Truncation_keeps_40_to_80_percent()
    {
        Assert.Equal(400, DemoDamage.TruncatedLength(0, 1_000));
        Assert.Equal(800, DemoDamage.TruncatedLength(40, 1_000));
        Assert.Equal(400, DemoDamage.TruncatedLength(41, 1_000));
    }
}
