using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>
/// Streaming reader of one Betfair listMarketBook <c>MarketBook</c> object, without a DOM, because it runs
/// over tens of millions of rows: a hand-written pass (<see cref="MarketBookFastPath"/>) reads the payloads
/// feeds send, and <see cref="Utf8JsonReader"/> reads, or explains, whatever that pass does not take.
/// </summary>
public static class MarketBookReader
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    /// <summary>
    /// Parses <paramref name="utf8Json"/>; on failure <paramref name="error"/> is a short human
    /// message such as <c>"empty payload"</c> or <c>"runners is not an array"</c>.
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out MarketBook? book, [NotNullWhen(false)] out string? error)
    {
        var json = utf8Json.StartsWith(Utf8ByteOrderMark) ? utf8Json[Utf8ByteOrderMark.Length..] : utf8Json;
        if (MarketBookFastPath.TryRead(json, out book))
        {
            error = null;
            return true;
        }

        return TryReadWithReader(utf8Json, out book, out error);
    }

    /// <summary>The full reader alone: the reference the fast path is tested against.</summary>
    internal static bool TryReadWithReader(
        ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out MarketBook? book, [NotNullWhen(false)] out string? error)
    {
        if (utf8Json.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        if (utf8Json.IndexOfAnyExcept(JsonWhitespace) < 0)
        {
            book = null;
            error = "empty payload";
            return false;
        }

        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            return MarketBookParser.TryParse(ref reader, out book, out error);
        }
        catch (JsonException exception)
        {
            book = null;
            error = DescribeInvalidJson(exception);
            return false;
        }
        catch (InvalidOperationException exception) when (exception.InnerException is DecoderFallbackException)
        {
            // The reader checks string encoding only when a string is materialised.
            book = null;
            error = $"invalid JSON at byte {reader.TokenStartIndex}: a string is not valid UTF-8";
            return false;
        }
    }

    /// <summary>Convenience overload: encodes into a pooled buffer, then parses as UTF-8.</summary>
    public static bool TryRead(
        string? json, [NotNullWhen(true)] out MarketBook? book, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(json))
        {
            book = null;
            error = "empty payload";
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return TryRead(buffer.AsSpan(0, length), out book, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Keeps the reader's explanation but replaces its position suffix with a shorter one.</summary>
    private static string DescribeInvalidJson(JsonException exception)
    {
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        var position = exception.BytePositionInLine ?? 0;
        var where = exception.LineNumber is null or 0
            ? $"byte {position}"
            : $"line {exception.LineNumber + 1}, byte {position}";
        return $"invalid JSON at {where}: {reason}";
    }
}
