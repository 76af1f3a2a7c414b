using System.Globalization;
using System.Text;

namespace Backfill.OrderBook.Demo;

/// <summary>
/// Writes a <see cref="BookState"/> the way listMarketBook returns a MarketBook (same field order, amounts
/// with at most two decimals, whole numbers as "2.0"). Hand-written because every string is a known token,
/// the exact number format matters for byte-identical output, and it is several times faster than formatting APIs.
/// </summary>
internal static class MarketBookJson
{
    /// <param name="emptyLayRunner">Index of a runner whose availableToLay is written empty (demo damage), or null.</param>
    public static string Write(BookState book, int? emptyLayRunner = null)
    {
        var json = new StringBuilder(1_600);
        json.Append("{\"marketId\":\"").Append(book.MarketId)
            .Append("\",\"isMarketDataDelayed\":false,\"status\":\"").Append(book.Status)
            .Append("\",\"betDelay\":").AppendInteger(book.BetDelay)
            .Append(",\"bspReconciled\":false,\"complete\":true,\"inplay\":").Append(book.Inplay ? "true" : "false")
            .Append(",\"numberOfWinners\":1,\"numberOfRunners\":").AppendInteger(book.Runners.Count)
            .Append(",\"numberOfActiveRunners\":").AppendInteger(book.ActiveRunners)
            .Append(",\"lastMatchTime\":\"").AppendTimestamp(book.LastMatchTimeUtc)
            .Append("\",\"totalMatched\":").AppendCents(book.TotalMatchedCents)
            .Append(",\"totalAvailable\":").AppendCents(book.TotalAvailableCents)
            .Append(",\"crossMatching\":true,\"runnersVoidable\":false,\"version\":").AppendInteger(book.Version)
            .Append(",\"runners\":[");
        for (int i = 0; i < book.Runners.Count; i++)
        {
            var runner = book.Runners[i];
            json.Append(i == 0 ? "{\"selectionId\":" : ",{\"selectionId\":").AppendInteger(runner.SelectionId)
                .Append(",\"handicap\":0.0,\"status\":\"").Append(runner.Status)
                .Append("\",\"lastPriceTraded\":").AppendPrice(runner.LastPriceTraded)
                .Append(",\"totalMatched\":").AppendCents(runner.TotalMatchedCents)
                .Append(",\"ex\":{\"availableToBack\":").AppendLevels(runner.Back)
                .Append(",\"availableToLay\":").AppendLevels(i == emptyLayRunner ? [] : runner.Lay)
                .Append(",\"tradedVolume\":[]}}");
        }

        return json.Append("]}").ToString();
    }

    private static StringBuilder AppendLevels(this StringBuilder json, IReadOnlyList<PriceSize> levels)
    {
        json.Append('[');
        for (int i = 0; i < levels.Count; i++)
        {
            json.Append(i == 0 ? "{\"price\":" : ",{\"price\":").AppendPrice(levels[i].Price)
                .Append(",\"size\":").AppendCents(levels[i].SizeCents).Append('}');
        }

        return json.Append(']');
    }

    private static StringBuilder AppendPrice(this StringBuilder json, double price) =>
        json.AppendCents((long)Math.Round(price * 100));

    /// <summary>Cents as a JSON number: 32100 → 321.0, 32150 → 321.5, 32145 → 321.45.</summary>
    private static StringBuilder AppendCents(this StringBuilder json, long cents)
    {
        long fraction = cents % 100;
        json.AppendInteger(cents / 100).Append('.').Append((char)('0' + (fraction / 10)));
        return fraction % 10 == 0 ? json : json.Append((char)('0' + (fraction % 10)));
    }

    private static StringBuilder AppendInteger(this StringBuilder json, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        return json.Append(digits[..written]);
    }

    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2026-02-15T21:58:03.125Z.</summary>
    private static StringBuilder AppendTimestamp(this StringBuilder json, DateTime utc) =>
        json.AppendDigits(utc.Year, 4).Append('-').AppendDigits(utc.Month, 2).Append('-').AppendDigits(utc.Day, 2)
            .Append('T').AppendDigits(utc.Hour, 2).Append(':').AppendDigits(utc.Minute, 2).Append(':').AppendDigits(utc.Second, 2)
            .Append('.').AppendDigits(utc.Millisecond, 3).Append('Z');

    private static StringBuilder AppendDigits(this StringBuilder json, int value, int width)
    {
        Span<char> digits = stackalloc char[width];
        for (int i = width - 1; i >= 0; i--, value /= 10)
        {
            digits[i] = (char)('0' + (value % 10));
        }

        return json.Append(digits);
    }
}
