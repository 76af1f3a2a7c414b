using Backfill.Core.Processing;
using Backfill.OrderBook.Ladder;

namespace Backfill.OrderBook;

/// <summary>
/// "orderbook.metrics": every order-book metric of one snapshot from its raw listMarketBook
/// payload and the market's home/away/draw mapping. Pure: no database, no clock.
/// </summary>
public sealed class OrderBookProcessor : IProcessor, ITierClassifier
{
    public const string ProcessorName = "orderbook.metrics";

    public string Name => ProcessorName;

    /// <summary>Payload, then the role mapping from market_event_metadata (all NULL when the market has no metadata row).</summary>
    public IReadOnlyList<string> Inputs { get; } = ["raw_payload", "home_selection_id", "away_selection_id", "draw_selection_id"];

    public IReadOnlyList<string> Outputs => OrderBookMetrics.Names;

    public bool TakesUtf8Text => true;

    public IRowComputer Bind(IReadOnlyList<string> outputs) => new Computer(outputs.Select(Slot).ToArray());

    public IReadOnlyList<string> AuditCounters { get; } = ["off_ladder_prices", "snapshots_with_off_ladder_prices"];

    public Tier Classify(ReadOnlySpan<object?> inputs, Span<long> counters)
    {
        if (!TryParse(inputs[0], out var book, out _)) return Tier.C;
        var offLadder = 0;
        foreach (var runner in book!.Runners)
        {
            foreach (var level in runner.Back) if (!PriceLadder.IsValid(level.Price)) offLadder++;
            foreach (var level in runner.Lay) if (!PriceLadder.IsValid(level.Price)) offLadder++;
        }
        counters[0] += offLadder;
        if (offLadder > 0) counters[1]++;
        return (Tier)(int)OrderBookMetrics.Classify(book, Roles(inputs));
    }

    private static int Slot(string output) =>
        OrderBookMetrics.IndexOf(output) is >= 0 and var i ? i : throw new ArgumentException($"No order-book metric '{output}'.");

    private static RoleMap? Roles(ReadOnlySpan<object?> inputs)
    {
        long? Id(object? v) => v is null ? null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        var (home, away, draw) = (Id(inputs[1]), Id(inputs[2]), Id(inputs[3]));
        return home is null && away is null && draw is null ? null : new RoleMap(home, away, draw);
    }

    private static bool TryParse(object? payload, out MarketBook? book, out string? error)
    {
        switch (payload)
        {
            case string s: return MarketBookReader.TryRead(s, out book, out error);
            case byte[] b: return MarketBookReader.TryRead(b, out book, out error);
            case ReadOnlyMemory<byte> m: return MarketBookReader.TryRead(m.Span, out book, out error);
            default:
                book = null;
                error = payload is null ? "empty payload" : $"payload of type {payload.GetType().Name}";
                return false;
        }
    }

    private static bool IsEmpty(object? payload) => payload switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        byte[] b => b.AsSpan().Trim(" \t\r\n"u8).IsEmpty,
        ReadOnlyMemory<byte> m => m.Span.Trim(" \t\r\n"u8).IsEmpty,
        _ => false,
    };

    private sealed class Computer(int[] slots) : IRowComputer
    {
        private readonly double?[] _all = new double?[OrderBookMetrics.Names.Count];
        private readonly string?[] _reasons = new string?[OrderBookMetrics.Names.Count];

        public RowOutcome Compute(ReadOnlySpan<object?> inputs, Span<double?> values, Span<string?> nullReasons)
        {
            if (IsEmpty(inputs[0])) return RowOutcome.Skip("no_payload");
            if (!TryParse(inputs[0], out var book, out var error)) return RowOutcome.Fail("invalid_payload", error!);
            if (Roles(inputs) is not { } roles) return RowOutcome.Skip("no_metadata");
            if (book!.Runners.Count == 0 || book.Runners.All(r => r.Back.Length == 0 && r.Lay.Length == 0))
                return RowOutcome.Skip("no_ladder");

            OrderBookMetrics.Compute(book, roles, _all, _reasons);
            for (var i = 0; i < slots.Length; i++)
            {
                values[i] = _all[slots[i]];
                nullReasons[i] = _reasons[slots[i]];
            }
            return RowOutcome.Computed;
        }
    }
}
