namespace Backfill.OrderBook.Demo;

/// <summary>
/// Deterministic football MATCH_ODDS markets for the embedded demo: the same options always give
/// byte-identical data (own PRNG, invariant formatting, no clock, no hash-order dependence).
/// </summary>
public static class DemoMarketGenerator
{
    public const int MinSnapshotsPerMarket = 20;

    public static DemoDataset Generate(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Markets, 1, nameof(options.Markets));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TargetSnapshots, options.Markets * MinSnapshotsPerMarket, nameof(options.TargetSnapshots));
        if (options.EndUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("EndUtc must be UTC; a local time would make the demo depend on the machine's time zone.", nameof(options));
        }

        var endUtc = DateTime.SpecifyKind(options.EndUtc, DateTimeKind.Utc);
        var fixtures = FixtureScheduler.Plan(options, endUtc);
        var books = new List<BookState>(options.TargetSnapshots);
        foreach (var fixture in fixtures)
        {
            books.AddRange(MatchSimulator.Simulate(fixture, DemoRandom.ForStream(options.Seed, fixture.Index + 1)));
        }

        // Ids follow poll time across markets, as an ingester assigns them; ties break on market then sequence.
        books.Sort((a, b) =>
        {
            int byTime = a.AtUtc.CompareTo(b.AtUtc);
            if (byTime != 0)
            {
                return byTime;
            }

            int byMarket = a.MarketIndex.CompareTo(b.MarketIndex);
            return byMarket != 0 ? byMarket : a.Sequence.CompareTo(b.Sequence);
        });

        var snapshots = new DemoSnapshot[books.Count];
        for (int i = 0; i < books.Count; i++)
        {
            var book = books[i];
            long id = i + 1;
            snapshots[i] = new DemoSnapshot(id, book.MarketId, book.AtUtc, Payload(book, id), book.TotalMatchedCents / 100.0, book.Inplay, book.Status);
        }

        return new DemoDataset(Array.AsReadOnly(fixtures.Select(ToMarket).ToArray()), Array.AsReadOnly(snapshots));
    }

    private static string? Payload(BookState book, long id)
    {
        switch (DemoDamage.For(id, book.Status))
        {
            case DemoPayloadDamage.Missing:
                return null;
            case DemoPayloadDamage.Truncated:
                string json = MarketBookJson.Write(book);
                return json[..DemoDamage.TruncatedLength(id, json.Length)];
            case DemoPayloadDamage.EmptyLay:
                return MarketBookJson.Write(book, DemoDamage.EmptyLayRunnerIndex(id));
            default:
                return MarketBookJson.Write(book);
        }
    }

    private static DemoMarket ToMarket(Fixture fixture) => new(
        MarketId: fixture.MarketId,
        EventName: fixture.EventName,
        CompetitionName: fixture.Competition.Name,
        MarketStartTimeUtc: fixture.KickoffUtc,
        HomeSelectionId: fixture.Home.SelectionId,
        AwaySelectionId: fixture.Away.SelectionId,
        DrawSelectionId: TeamCatalogue.DrawSelectionId,
        HomeRunnerName: fixture.Home.Name,
        AwayRunnerName: fixture.Away.Name,
        DrawRunnerName: TeamCatalogue.DrawRunnerName,
        HasMetadata: fixture.HasMetadata);
}
