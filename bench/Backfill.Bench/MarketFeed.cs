using System.Globalization;
using System.Text;
using Backfill.OrderBook.Ladder;

namespace Backfill.Bench;

/// <summary>
/// Fast synthetic listMarketBook feed: football MATCH_ODDS markets (home, away, draw), about 40 of them
/// polled round-robin at any time, each ~600-1,400 snapshots with a 6-level ladder per side per runner and
/// each runner's adjustment factor (~2.0 KB of JSON, the demo generator's format with a deeper ladder, as
/// listMarketBook returns with exBestOffersOverrides). Ids follow poll time across markets.
/// Deterministic for a seed. A little damage, as a live ingester leaves it: missing payloads, truncated ones (text columns only),
/// markets without a metadata row, and derived rows never written.
/// </summary>
internal sealed class MarketFeed
{
    public const int Depth = 6;
    public const int ConcurrentMarkets = 40;
    public const long DrawSelectionId = 58805;
    public static readonly TimeSpan PollSpacing = TimeSpan.FromMilliseconds(500);

    // Damage rates (per snapshot unless stated).
    public const double MissingPayloadRate = 0.001;
    public const double TruncatedPayloadRate = 0.0005;
    public const double MissingDerivedRate = 0.03;
    public const double MarketsWithoutMetadataRate = 0.02;

    private static readonly string[] Teams =
    [
        "Arsenal", "Aston Villa", "Bournemouth", "Brentford", "Brighton", "Chelsea", "Crystal Palace", "Everton", "Fulham", "Liverpool",
        "Man City", "Man Utd", "Newcastle", "Nottm Forest", "Tottenham", "West Ham", "Wolves", "Leeds", "Burnley", "Sunderland",
        "Real Madrid", "Barcelona", "Atletico Madrid", "Sevilla", "Valencia", "Villarreal", "Bayern Munich", "Dortmund", "Leipzig", "Leverkusen",
        "Inter", "AC Milan", "Juventus", "Napoli", "Roma", "Lazio", "PSG", "Marseille", "Lyon", "Monaco",
    ];

    private static readonly string[] Competitions = ["English Premier League", "Spanish La Liga", "German Bundesliga", "Italian Serie A", "French Ligue 1"];

    public sealed record Market(int Index, string MarketId, string EventName, string Competition, DateTime StartUtc,
        long HomeSelectionId, long AwaySelectionId, string HomeName, string AwayName, bool HasMetadata, int SnapshotCount);

    /// <summary>One snapshot; the feed reuses the instance, so copy what you keep.</summary>
    public sealed class Snapshot
    {
        public long Id { get; set; }
        public Market Market { get; set; } = null!;
        public DateTime AtUtc { get; set; }
        public string? Payload { get; set; }
        public double TotalMatched { get; set; }
        public bool Inplay { get; set; }
        public string Status { get; set; } = "OPEN";
        /// <summary>Whether the payload is cut off (invalid JSON).</summary>
        public bool Truncated { get; set; }
        /// <summary>Whether the ingester wrote the derived row (the tier-a columns are NULL in it either way).</summary>
        public bool HasDerived { get; set; }
        /// <summary>Best back / best lay per role (home, away, draw), for the derived row's pre-existing columns.</summary>
        public double[] BestBack { get; } = new double[3];
        public double[] BestLay { get; } = new double[3];
    }

    private readonly int _rows;
    private readonly int _seed;
    private readonly DateTime _startUtc;
    private readonly bool _truncate;

    /// <param name="invalidJson">Whether cut-off (invalid JSON) payloads may occur: only where the column is text; jsonb rejects them.</param>
    public MarketFeed(int rows, int seed, bool invalidJson, DateTime? endUtc = null)
    {
        _rows = rows;
        _seed = seed;
        _truncate = invalidJson;
        var end = endUtc ?? new DateTime(2026, 2, 15, 22, 0, 0, DateTimeKind.Utc);
        _startUtc = end - (PollSpacing * rows);
        Markets = PlanMarkets();
    }

    public IReadOnlyList<Market> Markets { get; }

    private List<Market> PlanMarkets()
    {
        var rng = new FastRandom((ulong)_seed * 7919 + 1);
        var counts = new List<int>();
        var left = _rows;
        while (left > 0)
        {
            var n = Math.Min(left, 600 + rng.Next(801));
            if (left - n is > 0 and < 100) n = left; // no tiny tail market
            counts.Add(n);
            left -= n;
        }
        var markets = new List<Market>(counts.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            var home = rng.Next(Teams.Length);
            var away = (home + 1 + rng.Next(Teams.Length - 1)) % Teams.Length;
            var comp = Competitions[rng.Next(Competitions.Length)];
            markets.Add(new Market(i, $"1.{240_000_000 + (i * 37):D9}", $"{Teams[home]} v {Teams[away]}", comp,
                _startUtc.AddHours(4 + (i * 0.05)), 40_000 + (home * 1_013), 40_000 + (away * 1_013), Teams[home], Teams[away],
                rng.NextDouble() >= MarketsWithoutMetadataRate, counts[i]));
        }
        return markets;
    }

    private sealed class MarketState(Market market, FastRandom rng)
    {
        public Market Market { get; } = market;
        public int Emitted { get; set; }
        public double[] Probabilities { get; } = InitialProbabilities(rng);
        public long[] RunnerMatchedCents { get; } = new long[3];
        public long[] LastTraded { get; } = new long[3];
        public long Version { get; set; } = 4_000_000_000L + (market.Index * 1_000L);
        public DateTime LastMatchUtc { get; set; }

        private static double[] InitialProbabilities(FastRandom rng)
        {
            var home = 0.2 + (0.45 * rng.NextDouble());
            var draw = 0.2 + (0.12 * rng.NextDouble());
            return [home, Math.Max(0.05, 1 - home - draw), draw];
        }
    }

    /// <summary>All snapshots in id order (1..rows). The yielded instance is reused.</summary>
    public IEnumerable<Snapshot> Snapshots()
    {
        var rng = new FastRandom((ulong)_seed * 104_729 + 3);
        var json = new StringBuilder(2_400);
        var snap = new Snapshot();
        var active = new List<MarketState>(ConcurrentMarkets);
        var next = 0;
        while (active.Count < ConcurrentMarkets && next < Markets.Count) active.Add(new MarketState(Markets[next++], rng));
        var slot = 0;
        var back = new (long Price, long Size)[3][];
        var lay = new (long Price, long Size)[3][];
        for (var r = 0; r < 3; r++) { back[r] = new (long, long)[Depth]; lay[r] = new (long, long)[Depth]; }
        var backCount = new int[3];
        var layCount = new int[3];

        for (long id = 1; id <= _rows; id++)
        {
            if (slot >= active.Count) slot = 0;
            var m = active[slot];
            var at = _startUtc + (PollSpacing * id);
            var inplay = m.Emitted >= m.Market.SnapshotCount * 7 / 10;
            var suspended = inplay && rng.NextDouble() < 0.01;

            // Random walk of the three outcome probabilities (bigger steps in play).
            var p = m.Probabilities;
            var vol = inplay ? 0.03 : 0.008;
            double sum = 0;
            for (var r = 0; r < 3; r++) { p[r] = Math.Clamp(p[r] * Math.Exp(vol * rng.NextGaussian()), 0.005, 0.98); sum += p[r]; }
            for (var r = 0; r < 3; r++) p[r] /= sum;

            var liquidity = inplay ? 1.0 : 0.2 + (0.8 * m.Emitted / Math.Max(1.0, m.Market.SnapshotCount * 0.7));
            long totalAvailable = 0;
            for (var r = 0; r < 3; r++)
            {
                var bestBack = PriceLadder.Floor(1 / (p[r] * (1 + (0.002 + (0.006 * rng.NextDouble())))));
                var spread = rng.NextDouble() < 0.7 ? 1 : rng.NextDouble() < 0.8 ? 2 : 3;
                var bestLay = PriceLadder.Offset(bestBack, spread);
                if (bestLay <= bestBack) { bestBack = PriceLadder.Offset(PriceLadder.Max, -1); bestLay = PriceLadder.Max; }
                backCount[r] = Levels(back[r], bestBack, -1, liquidity, rng);
                layCount[r] = Levels(lay[r], bestLay, +1, liquidity, rng);
                for (var i = 0; i < backCount[r]; i++) totalAvailable += back[r][i].Size;
                for (var i = 0; i < layCount[r]; i++) totalAvailable += lay[r][i].Size;
                snap.BestBack[r] = bestBack;
                snap.BestLay[r] = bestLay;
                if (rng.NextDouble() < 0.6)
                {
                    m.RunnerMatchedCents[r] += 200 + (long)(rng.NextDouble() * rng.NextDouble() * 50_000 * liquidity);
                    m.LastTraded[r] = (long)Math.Round((rng.NextDouble() < 0.5 ? bestBack : bestLay) * 100);
                    m.LastMatchUtc = at.AddMilliseconds(-rng.Next(20_000));
                }
                if (m.LastTraded[r] == 0) m.LastTraded[r] = (long)Math.Round(bestBack * 100);
            }
            if (m.LastMatchUtc == default) m.LastMatchUtc = at.AddMinutes(-5);
            m.Version += 1 + rng.Next(3);
            var totalMatched = m.RunnerMatchedCents[0] + m.RunnerMatchedCents[1] + m.RunnerMatchedCents[2];

            snap.Id = id;
            snap.Market = m.Market;
            snap.AtUtc = at;
            snap.Inplay = inplay;
            snap.Status = suspended ? "SUSPENDED" : "OPEN";
            snap.TotalMatched = totalMatched / 100.0;
            var hash = Mix((ulong)id ^ ((ulong)_seed << 40));
            var u = (hash >> 11) * (1.0 / (1UL << 53));
            snap.HasDerived = Mix(hash) % 10_000 >= MissingDerivedRate * 10_000;
            snap.Truncated = false;
            if (u < MissingPayloadRate)
            {
                snap.Payload = null;
            }
            else
            {
                json.Clear();
                WritePayload(json, m, snap.Status, inplay, totalMatched, totalAvailable, back, backCount, lay, layCount);
                snap.Truncated = _truncate && u < MissingPayloadRate + TruncatedPayloadRate;
                snap.Payload = snap.Truncated
                    ? json.ToString(0, json.Length / 2) // a cut-off response body
                    : json.ToString();
            }
            yield return snap;

            m.Emitted++;
            if (m.Emitted >= m.Market.SnapshotCount)
            {
                if (next < Markets.Count) active[slot] = new MarketState(Markets[next++], rng);
                else active.RemoveAt(slot);
                // keep slot: the replacement (or the next market) is polled next
            }
            else
            {
                slot++;
            }
        }
    }

    /// <summary>Up to <see cref="Depth"/> distinct prices walking away from the best one; sizes skewed small with the odd big order.</summary>
    private static int Levels((long Price, long Size)[] levels, double best, int direction, double liquidity, FastRandom rng)
    {
        var price = best;
        var n = 0;
        for (var level = 0; level < Depth; level++)
        {
            var u = rng.NextDouble();
            var cents = 200 + ((5_000_00 - 200) * u * u * u * liquidity * (1 + (0.4 * level)));
            levels[n++] = ((long)Math.Round(price * 100), Math.Clamp((long)Math.Round(cents), 200, 5_000_00));
            var nextPrice = PriceLadder.Offset(price, direction * (rng.NextDouble() < 0.2 ? 2 : 1));
            if (nextPrice == price) break;
            price = nextPrice;
        }
        return n;
    }

    private static void WritePayload(StringBuilder json, MarketState m, string status, bool inplay, long totalMatched, long totalAvailable,
        (long Price, long Size)[][] back, int[] backCount, (long Price, long Size)[][] lay, int[] layCount)
    {
        json.Append("{\"marketId\":\"").Append(m.Market.MarketId)
            .Append("\",\"isMarketDataDelayed\":false,\"status\":\"").Append(status)
            .Append("\",\"betDelay\":").Append(inplay ? "5" : "0")
            .Append(",\"bspReconciled\":false,\"complete\":true,\"inplay\":").Append(inplay ? "true" : "false")
            .Append(",\"numberOfWinners\":1,\"numberOfRunners\":3,\"numberOfActiveRunners\":3,\"lastMatchTime\":\"");
        AppendTimestamp(json, m.LastMatchUtc);
        json.Append("\",\"totalMatched\":");
        AppendCents(json, totalMatched);
        json.Append(",\"totalAvailable\":");
        AppendCents(json, totalAvailable);
        json.Append(",\"crossMatching\":true,\"runnersVoidable\":false,\"version\":");
        AppendInteger(json, m.Version);
        json.Append(",\"runners\":[");
        long[] ids = [m.Market.HomeSelectionId, m.Market.AwaySelectionId, DrawSelectionId];
        for (var r = 0; r < 3; r++)
        {
            json.Append(r == 0 ? "{\"selectionId\":" : ",{\"selectionId\":");
            AppendInteger(json, ids[r]);
            json.Append(",\"handicap\":0.0,\"status\":\"ACTIVE\",\"adjustmentFactor\":");
            AppendCents(json, Math.Max(1, (long)Math.Round(m.Probabilities[r] * 10_000)));
            json.Append(",\"lastPriceTraded\":");
            AppendCents(json, m.LastTraded[r]);
            json.Append(",\"totalMatched\":");
            AppendCents(json, m.RunnerMatchedCents[r]);
            json.Append(",\"ex\":{\"availableToBack\":");
            AppendLevels(json, back[r], backCount[r]);
            json.Append(",\"availableToLay\":");
            AppendLevels(json, lay[r], layCount[r]);
            json.Append(",\"tradedVolume\":[]}}");
        }
        json.Append("]}");
    }

    private static void AppendLevels(StringBuilder json, (long Price, long Size)[] levels, int count)
    {
        json.Append('[');
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "{\"price\":" : ",{\"price\":");
            AppendCents(json, levels[i].Price);
            json.Append(",\"size\":");
            AppendCents(json, levels[i].Size);
            json.Append('}');
        }
        json.Append(']');
    }

    /// <summary>Cents as a JSON number the way Betfair writes it: 32100 → 321.0, 32150 → 321.5, 32145 → 321.45.</summary>
    private static void AppendCents(StringBuilder json, long cents)
    {
        var fraction = cents % 100;
        AppendInteger(json, cents / 100);
        json.Append('.').Append((char)('0' + (fraction / 10)));
        if (fraction % 10 != 0) json.Append((char)('0' + (fraction % 10)));
    }

    private static void AppendInteger(StringBuilder json, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        json.Append(digits[..written]);
    }

    private static void AppendTimestamp(StringBuilder json, DateTime utc)
    {
        Span<char> text = stackalloc char[24];
        utc.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        json.Append(text[..written]);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>xoshiro256** with a splitmix seed: fast and the same on every machine.</summary>
internal sealed class FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRandom(ulong seed)
    {
        ulong Next() { seed += 0x9E3779B97F4A7C15UL; var z = seed; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL; return z ^ (z >> 31); }
        (_s0, _s1, _s2, _s3) = (Next(), Next(), Next(), Next());
    }

    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
