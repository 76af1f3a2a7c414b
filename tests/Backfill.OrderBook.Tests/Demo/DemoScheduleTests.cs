using System.Text.RegularExpressions;
using Backfill.OrderBook.Demo;

namespace Backfill.OrderBook.Tests.Demo;

public sealed class DemoScheduleTests
{
    private static DemoDataset Demo => DemoData.Default;

    private static DateTime End => DemoData.Options.EndUtc;

    [Fact]
    public void Counts_match_the_options()
    {
        Assert.Equal(40, Demo.Markets.Count);
        Assert.Equal(12_000, Demo.Snapshots.Count);
        Assert.All(Demo.Markets, m => Assert.InRange(DemoData.ByMarket[m.MarketId].Count(), 240, 360));
    }

    [Fact]
    public void Snapshot_ids_run_from_1_in_time_order()
    {
        for (int i = 0; i < Demo.Snapshots.Count; i++)
        {
            Assert.Equal(i + 1, Demo.Snapshots[i].SnapshotId);
            Assert.Equal(DateTimeKind.Utc, Demo.Snapshots[i].SnapshotAtUtc.Kind);
            if (i > 0)
            {
                Assert.True(Demo.Snapshots[i].SnapshotAtUtc >= Demo.Snapshots[i - 1].SnapshotAtUtc);
            }
        }
    }

    [Fact]
    public void Snapshots_span_about_60_days_and_end_exactly_at_EndUtc()
    {
        Assert.Equal(End, Demo.Snapshots.Max(s => s.SnapshotAtUtc));
        Assert.InRange(End - Demo.Snapshots.Min(s => s.SnapshotAtUtc), TimeSpan.FromDays(45), TimeSpan.FromDays(61));
    }

    [Fact]
    public void About_a_quarter_of_snapshots_fall_in_the_last_7_days()
    {
        double share = Demo.Snapshots.Count(s => s.SnapshotAtUtc > End.AddDays(-7)) / (double)Demo.Snapshots.Count;

        Assert.InRange(share, 0.20, 0.32);
        Assert.Contains(Demo.Markets, m => DemoData.ByMarket[m.MarketId].Last().SnapshotAtUtc > End.AddDays(-7));
    }

    [Fact]
    public void Markets_look_like_betfair_match_odds()
    {
        var ids = Demo.Markets.Select(m => m.MarketId).ToList();
        Assert.All(ids, id => Assert.Matches(new Regex(@"^1\.2534\d{5}$"), id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // created in kickoff order
        Assert.Equal(ids.Count, ids.Distinct().Count());

        Assert.All(Demo.Markets, m =>
        {
            Assert.Equal($"{m.HomeRunnerName} v {m.AwayRunnerName}", m.EventName);
            Assert.NotEqual(m.HomeRunnerName, m.AwayRunnerName);
            Assert.Equal(58805, m.DrawSelectionId);
            Assert.Equal("The Draw", m.DrawRunnerName);
            Assert.InRange(m.HomeSelectionId, 100_000, 99_999_999);
            Assert.InRange(m.AwaySelectionId, 100_000, 99_999_999);
            Assert.Equal(DateTimeKind.Utc, m.MarketStartTimeUtc.Kind);
            Assert.Contains(m.MarketStartTimeUtc.TimeOfDay.TotalMinutes, new double[] { 750, 870, 900, 1050, 1170, 1185, 1200 });
        });
        Assert.True(Demo.Markets.Select(m => m.CompetitionName).Distinct().Count() >= 4);
    }

    [Fact]
    public void A_team_keeps_its_selection_id_across_markets()
    {
        var teams = Demo.Markets
            .SelectMany(m => new[] { (m.HomeRunnerName, m.HomeSelectionId), (m.AwayRunnerName, m.AwaySelectionId) })
            .Distinct()
            .ToList();

        Assert.Equal(teams.Count, teams.Select(t => t.Item1).Distinct().Count()); // one id per name
        Assert.Equal(teams.Count, teams.Select(t => t.Item2).Distinct().Count()); // one name per id
        Assert.True(teams.Count < 2 * Demo.Markets.Count, "some teams should play more than once");
    }

    [Fact]
    public void Exactly_one_market_has_no_metadata_at_the_documented_position()
    {
        var without = Demo.Markets.Where(m => !m.HasMetadata).ToList();

        Assert.Single(without);
        Assert.Same(Demo.Markets[DemoDamage.NoMetadataMarketIndex(Demo.Markets.Count)], without[0]);
        Assert.Equal(20, DemoDamage.NoMetadataMarketIndex(40));
    }

    [Fact]
    public void Each_market_runs_from_about_8h_before_kickoff_to_a_closed_snapshot_after_full_time()
    {
        foreach (var market in Demo.Markets)
        {
            var snapshots = DemoData.ByMarket[market.MarketId].ToList();
            var kickoff = market.MarketStartTimeUtc;
            var preMatch = snapshots.TakeWhile(s => !s.Inplay).ToList();
            var inPlay = snapshots.Skip(preMatch.Count).ToList();

            Assert.InRange(kickoff - preMatch[0].SnapshotAtUtc, TimeSpan.FromHours(7.5), TimeSpan.FromHours(8.5));
            Assert.True(preMatch[^1].SnapshotAtUtc < kickoff);
            Assert.All(preMatch, s => Assert.Equal("OPEN", s.Status));
            Assert.All(inPlay, s => Assert.True(s.Inplay));
            Assert.All(inPlay[..^1], s => Assert.Contains(s.Status, new[] { "OPEN", "SUSPENDED" }));
            Assert.Equal("CLOSED", inPlay[^1].Status);
            Assert.InRange(inPlay[^2].SnapshotAtUtc - kickoff, TimeSpan.FromMinutes(105), TimeSpan.FromMinutes(120));

            for (int i = 1; i < snapshots.Count; i++)
            {
                Assert.True(snapshots[i].SnapshotAtUtc > snapshots[i - 1].SnapshotAtUtc);
                Assert.True(snapshots[i].TotalMatched >= snapshots[i - 1].TotalMatched, "matched volume only grows");
            }
        }
    }

    [Fact]
    public void Pre_match_polls_get_denser_towards_kickoff_and_in_play_polls_come_every_30_to_60_seconds()
    {
        foreach (var market in Demo.Markets)
        {
            var kickoff = market.MarketStartTimeUtc;
            var snapshots = DemoData.ByMarket[market.MarketId].ToList();
            var preMatch = snapshots.Where(s => !s.Inplay).ToList();
            int lastHour = preMatch.Count(s => s.SnapshotAtUtc > kickoff.AddHours(-1));
            Assert.True(lastHour > preMatch.Count / 4, $"{market.MarketId}: {lastHour} of {preMatch.Count} pre-match polls in the last hour");

            var inPlayTimes = snapshots.Where(s => s.Inplay && s.Status != "CLOSED").Select(s => s.SnapshotAtUtc).ToList();
            var gaps = inPlayTimes.Zip(inPlayTimes.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
            Assert.InRange(gaps.Average(), 30, 60);
            Assert.InRange(gaps.Min(), 15, 60);
            Assert.InRange(gaps.Max(), 30, 90);
        }
    }

    [Fact]
    public void Some_markets_are_suspended_around_goals()
    {
        int suspended = Demo.Snapshots.Count(s => s.Status == "SUSPENDED");

        Assert.InRange(suspended, 20, 400);
    }

    [Fact]
    public void Small_custom_options_hit_the_target_exactly()
    {
        var end = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var demo = DemoMarketGenerator.Generate(new DemoOptions { Seed = 1, Markets = 3, TargetSnapshots = 100, EndUtc = end });

        Assert.Equal(3, demo.Markets.Count);
        Assert.Equal(100, demo.Snapshots.Count);
        Assert.Equal(end, demo.Snapshots[^1].SnapshotAtUtc);
        Assert.Single(demo.Markets, m => !m.HasMetadata);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoMarketGenerator.Generate(new DemoOptions { Markets = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoMarketGenerator.Generate(new DemoOptions { Markets = 10, TargetSnapshots = 100 }));
        Assert.Throws<ArgumentException>(() => DemoMarketGenerator.Generate(new DemoOptions { EndUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local) }));
    }
}
