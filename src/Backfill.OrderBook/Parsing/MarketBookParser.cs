using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>Reads the root MarketBook object; unknown properties are skipped without materialising them.</summary>
internal static class MarketBookParser
{
    /// <summary>The reader must be positioned before the first token of a non-blank payload.</summary>
    public static bool TryParse(
        ref Utf8JsonReader reader, [NotNullWhen(true)] out MarketBook? book, [NotNullWhen(false)] out string? error)
    {
        book = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = "payload is not a JSON object";
            return false;
        }

        string? marketId = null;
        string? status = null;
        bool? inplay = null;
        double? totalMatched = null;
        RunnerBook[] runners = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("runners"u8))
            {
                reader.Read();
                if (!RunnerBookParser.TryParseList(ref reader, out runners, out error))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("marketId"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalString(ref reader, out marketId))
                {
                    error = "marketId is not a string";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalStatus(ref reader, out status))
                {
                    error = "status is not a string";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("inplay"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalBoolean(ref reader, out inplay))
                {
                    error = "inplay is not a boolean";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("totalMatched"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalNumber(ref reader, out totalMatched))
                {
                    error = "totalMatched is not a number";
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Reading past the root surfaces trailing garbage as an invalid-JSON error.
        if (reader.Read())
        {
            error = "unexpected content after the market book";
            return false;
        }

        book = new MarketBook
        {
            MarketId = marketId,
            Status = status,
            Inplay = inplay,
            TotalMatched = totalMatched,
            Runners = runners,
        };
        error = null;
        return true;
    }
}
