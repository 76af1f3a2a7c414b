namespace Backfill.OrderBook.Demo;

/// <summary>Records one market's successive books, carrying what persists between polls (volume, version, last trade).</summary>
internal sealed class MarketTape(Fixture fixture, DemoRandom rng)
{
    public const string Open = "OPEN";
    public const string Suspended = "SUSPENDED";
    public const string Closed = "CLOSED";

    private const int InplayBetDelaySeconds = 5; // football's standard in-play delay

    private readonly long[] _selectionIds = [fixture.Home.SelectionId, fixture.Away.SelectionId, TeamCatalogue.DrawSelectionId];
    private readonly MatchedVolume _volume = new(3);
    private readonly List<BookState> _books = new(fixture.SnapshotCount);
    private long _version = 6_400_000_000 + rng.Next(200_000_000);
    private DateTime _lastMatch = DateTime.MinValue;
    private string? _status;
    private bool _inplay;

    public IReadOnlyList<BookState> Books => _books;

    /// <summary>An OPEN or SUSPENDED book quoted around <paramref name="probabilities"/> (home, away, draw).</summary>
    public void RecordTrading(double secondsFromKickoff, string status, bool inplay, double[] probabilities, double liquidity, long targetVolumeCents)
    {
        bool matching = status != Suspended; // nothing matches while suspended: volume and last match time hold
        if (matching)
        {
            _volume.GrowTo(targetVolumeCents, probabilities);
        }

        var quotes = BookQuoter.Quote(probabilities, inplay, liquidity, rng);
        var runners = new RunnerState[quotes.Length];
        long onScreenCents = 0;
        for (int i = 0; i < quotes.Length; i++)
        {
            var (back, lay) = quotes[i];
            double lastTraded = rng.Chance(0.5) ? back[0].Price : lay[0].Price;
            runners[i] = new RunnerState(_selectionIds[i], "ACTIVE", lastTraded, _volume.RunnerCents(i), back, lay);
            onScreenCents += back.Sum(l => l.SizeCents) + lay.Sum(l => l.SizeCents);
        }

        // Only the top levels are shown; the whole ladder holds a few times more.
        long totalAvailable = (long)Math.Round(onScreenCents * rng.Between(3, 6));
        Add(secondsFromKickoff, status, inplay, totalAvailable, runners, matchedJustNow: matching);
    }

    /// <summary>The settled book: winner/loser statuses and empty ladders.</summary>
    public void RecordClosed(double secondsFromKickoff, int winner, long finalVolumeCents)
    {
        var previous = _books[^1].Runners;
        _volume.GrowTo(finalVolumeCents, [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        var runners = new RunnerState[previous.Count];
        for (int i = 0; i < runners.Length; i++)
        {
            runners[i] = previous[i] with
            {
                Status = i == winner ? "WINNER" : "LOSER",
                TotalMatchedCents = _volume.RunnerCents(i),
                Back = [],
                Lay = [],
            };
        }

        Add(secondsFromKickoff, Closed, inplay: true, totalAvailableCents: 0, runners, matchedJustNow: false);
    }

    private void Add(double secondsFromKickoff, string status, bool inplay, long totalAvailableCents, RunnerState[] runners, bool matchedJustNow)
    {
        DateTime at = SnapshotTimeline.At(fixture.KickoffUtc, secondsFromKickoff);
        if (_status is not null && (status != _status || inplay != _inplay))
        {
            _version += 1 + rng.Next(3); // the market definition changes on every status or in-play transition
        }

        _status = status;
        _inplay = inplay;
        if (matchedJustNow)
        {
            var candidate = SnapshotTimeline.At(fixture.KickoffUtc, secondsFromKickoff - rng.Between(0.05, 12));
            _lastMatch = candidate > _lastMatch ? candidate : _lastMatch;
        }

        _books.Add(new BookState(
            MarketIndex: fixture.Index,
            Sequence: _books.Count,
            MarketId: fixture.MarketId,
            AtUtc: at,
            Status: status,
            Inplay: inplay,
            BetDelay: inplay ? InplayBetDelaySeconds : 0,
            Version: _version,
            LastMatchTimeUtc: _lastMatch,
            TotalMatchedCents: _volume.TotalCents,
            TotalAvailableCents: totalAvailableCents,
            Runners: runners));
    }
}
