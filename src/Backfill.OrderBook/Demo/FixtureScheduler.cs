namespace Backfill.OrderBook.Demo;

/// <summary>Decides kickoffs, pairings, market ids and snapshot budgets for every demo market.</summary>
internal static class FixtureScheduler
{
    /// <summary>Share of markets played entirely within the last 7 days, so recent views have plenty of data.</summary>
    private const double RecentShare = 0.25;

    private const int HistoryDays = 60;

    // A market spans at most T-8h20m (first pre-match poll) to T+2h04m (CLOSED); these margins keep each
    // market wholly inside or wholly outside the recent window and never past EndUtc.
    private static readonly TimeSpan BeforeKickoff = TimeSpan.FromMinutes(8 * 60 + 30);
    private static readonly TimeSpan AfterKickoff = TimeSpan.FromMinutes(125);
    private static readonly TimeSpan FinalMarketLength = TimeSpan.FromMinutes(120);
    private static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    // Typical UTC kickoffs in the European winter: weekends spread over the day, midweek in the evening.
    private static readonly TimeSpan[] WeekendSlots =
        [new(12, 30, 0), new(14, 30, 0), new(15, 0, 0), new(17, 30, 0), new(19, 45, 0), new(20, 0, 0)];

    private static readonly TimeSpan[] WeekdaySlots = [new(19, 30, 0), new(19, 45, 0), new(20, 0, 0)];

    public static IReadOnlyList<Fixture> Plan(DemoOptions options, DateTime endUtc)
    {
        var rng = DemoRandom.ForStream(options.Seed, 0);
        var kickoffs = PlanKickoffs(options.Markets, endUtc, rng);
        var counts = SplitSnapshots(options.TargetSnapshots, options.Markets, rng);
        int noMetadataIndex = NoMetadataIndex(options.Markets);
        long marketNumber = 253_400_000 + rng.Next(4_000) + 1_000;
        var usedPairs = new HashSet<(string, string)>();
        var busyTeamsByDay = new Dictionary<DateTime, HashSet<string>>();
        var fixtures = new Fixture[kickoffs.Count];

        for (int i = 0; i < kickoffs.Count; i++)
        {
            var (kickoff, isFinal) = kickoffs[i];
            if (!busyTeamsByDay.TryGetValue(kickoff.Date, out var busyTeams))
            {
                busyTeams = busyTeamsByDay[kickoff.Date] = [];
            }

            var (competition, home, away) = PickPairing(rng, usedPairs, busyTeams);
            fixtures[i] = new Fixture(
                Index: i,
                MarketId: $"1.{marketNumber}",
                Competition: competition,
                Home: home,
                Away: away,
                KickoffUtc: kickoff,
                SnapshotCount: counts[i],
                HasMetadata: i != noMetadataIndex,
                ClosedAtUtc: isFinal ? endUtc : null);
            marketNumber += 800 + rng.Next(1_500); // ids grow with kickoff, as markets are created in that order
        }

        return fixtures;
    }

    /// <summary>Rule: the market at position Markets / 2 in kickoff order (0-based) has no metadata.</summary>
    public static int NoMetadataIndex(int markets) => markets / 2;

    private static List<(DateTime Kickoff, bool IsFinal)> PlanKickoffs(int markets, DateTime endUtc, DemoRandom rng)
    {
        int recent = Math.Max(1, (int)Math.Round(markets * RecentShare, MidpointRounding.AwayFromZero));
        DateTime recentStart = endUtc - RecentWindow;
        var recentSlots = Candidates(endUtc, 0, 7, k => k - BeforeKickoff >= recentStart && k + AfterKickoff <= endUtc);
        var olderSlots = Candidates(endUtc, 7, HistoryDays, k => k + AfterKickoff <= recentStart);

        // The final market ends exactly at EndUtc, guaranteeing the newest data is as recent as promised.
        var final = FloorToQuarterHour(endUtc - FinalMarketLength);
        var kickoffs = new List<(DateTime Kickoff, bool IsFinal)>(markets) { (final, true) };
        for (int i = 1; i < markets; i++)
        {
            kickoffs.Add((rng.Pick(i < recent ? recentSlots : olderSlots), false));
        }

        // Stable order: by kickoff, the final market last among equal kickoffs.
        return [.. kickoffs.OrderBy(k => k.Kickoff).ThenBy(k => k.IsFinal)];
    }

    /// <summary>Kickoff slots on the days [fromDaysBack, toDaysBack) before EndUtc's date; weekend slots weigh double.</summary>
    private static List<DateTime> Candidates(DateTime endUtc, int fromDaysBack, int toDaysBack, Func<DateTime, bool> fits)
    {
        var slots = new List<DateTime>();
        for (int daysBack = fromDaysBack; daysBack < toDaysBack; daysBack++)
        {
            DateTime day = endUtc.Date.AddDays(-daysBack);
            bool weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            foreach (var time in weekend ? WeekendSlots : WeekdaySlots)
            {
                DateTime kickoff = DateTime.SpecifyKind(day + time, DateTimeKind.Utc);
                if (fits(kickoff))
                {
                    slots.Add(kickoff);
                    if (weekend)
                    {
                        slots.Add(kickoff);
                    }
                }
            }
        }

        return slots.Count > 0 ? slots : [FloorToQuarterHour(endUtc - FinalMarketLength)];
    }

    /// <summary>Splits the target exactly, each market getting 85%..115% of an even share.</summary>
    private static int[] SplitSnapshots(int target, int markets, DemoRandom rng)
    {
        var weights = new double[markets];
        for (int i = 0; i < markets; i++)
        {
            weights[i] = rng.Between(0.85, 1.15);
        }

        double total = weights.Sum();
        var counts = weights.Select(w => (int)(target * w / total)).ToArray();
        for (int i = 0, missing = target - counts.Sum(); i < missing; i++)
        {
            counts[i % markets]++;
        }

        return counts;
    }

    private static (Competition, Team Home, Team Away) PickPairing(
        DemoRandom rng, HashSet<(string, string)> usedPairs, HashSet<string> busyTeams)
    {
        // A few retries keep fixtures unique and teams to one match a day; give up gracefully if the catalogue is exhausted.
        for (int attempt = 0; ; attempt++)
        {
            var competition = rng.Pick(TeamCatalogue.Competitions);
            var home = rng.Pick(competition.Teams);
            var away = rng.Pick(competition.Teams);
            bool fresh = !usedPairs.Contains((home.Name, away.Name)) && !busyTeams.Contains(home.Name) && !busyTeams.Contains(away.Name);
            if (home != away && (fresh || attempt >= 50))
            {
                usedPairs.Add((home.Name, away.Name));
                busyTeams.Add(home.Name);
                busyTeams.Add(away.Name);
                return (competition, home, away);
            }
        }
    }

    private static DateTime FloorToQuarterHour(DateTime time) =>
        new(time.Ticks - (time.Ticks % (TimeSpan.TicksPerMinute * 15)), DateTimeKind.Utc);
}
