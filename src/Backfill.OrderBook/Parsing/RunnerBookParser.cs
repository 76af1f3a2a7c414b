using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>Reads the <c>runners</c> array of a market book, one runner object at a time.</summary>
internal static class RunnerBookParser
{
    /// <summary>The reader is on the array's value token; on success it is left on the array's end.</summary>
    public static bool TryParseList(ref Utf8JsonReader reader, out RunnerBook[] runners, [NotNullWhen(false)] out string? error)
    {
        runners = [];
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = "runners is not an array";
            return false;
        }

        var collected = ParseScratch.RentRunners();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!TryParseRunner(ref reader, collected.Count, out var runner, out error))
            {
                return false;
            }

            collected.Add(runner);
        }

        runners = [.. collected];
        collected.Clear();
        return true;
    }

    private static bool TryParseRunner(ref Utf8JsonReader reader, int index, out RunnerBook runner, [NotNullWhen(false)] out string? error)
    {
        runner = null!;
        error = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"runners[{index}] is not an object";
            return false;
        }

        long? selectionId = null;
        string? status = null;
        double? totalMatched = null;
        double? lastPriceTraded = null;
        Level[] back = [];
        Level[] lay = [];
        var hasBothLadders = false; // no "ex" at all: no ladder arrays
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("selectionId"u8))
            {
                reader.Read();
                if (!TryGetSelectionId(ref reader, index, out selectionId, out error))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("ex"u8))
            {
                reader.Read();
                if (!TryParseExchange(ref reader, index, out back, out lay, out hasBothLadders, out error))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalStatus(ref reader, out status))
                {
                    error = $"runners[{index}].status is not a string";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("totalMatched"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalNumber(ref reader, out totalMatched))
                {
                    error = $"runners[{index}].totalMatched is not a number";
                    return false;
                }
            }
            else if (reader.ValueTextEquals("lastPriceTraded"u8))
            {
                reader.Read();
                if (!JsonValues.TryGetOptionalNumber(ref reader, out lastPriceTraded))
                {
                    error = $"runners[{index}].lastPriceTraded is not a number";
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Without its id a runner cannot be matched to a role, so the payload is unusable.
        if (selectionId is not { } id)
        {
            error = $"runners[{index}] has no selectionId";
            return false;
        }

        runner = new RunnerBook
        {
            SelectionId = id,
            Status = status,
            TotalMatched = totalMatched,
            LastPriceTraded = lastPriceTraded,
            Back = back,
            Lay = lay,
            HasBothLadders = hasBothLadders,
        };
        return true;
    }

    private static bool TryGetSelectionId(ref Utf8JsonReader reader, int index, out long? selectionId, [NotNullWhen(false)] out string? error)
    {
        selectionId = null;
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            error = $"runners[{index}].selectionId is not a number";
            return false;
        }

        if (!reader.TryGetInt64(out var id))
        {
            error = $"runners[{index}].selectionId is not an integer";
            return false;
        }

        selectionId = id;
        return true;
    }

    private static bool TryParseExchange(ref Utf8JsonReader reader, int index, out Level[] back, out Level[] lay, out bool hasBoth, [NotNullWhen(false)] out string? error)
    {
        back = [];
        lay = [];
        hasBoth = false;
        var (sawBack, sawLay) = (false, false);
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"runners[{index}].ex is not an object";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("availableToBack"u8))
            {
                reader.Read();
                sawBack = reader.TokenType == JsonTokenType.StartArray;
                if (!LevelListParser.TryParse(ref reader, index, "availableToBack", descending: true, out back, out error))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("availableToLay"u8))
            {
                reader.Read();
                sawLay = reader.TokenType == JsonTokenType.StartArray;
                if (!LevelListParser.TryParse(ref reader, index, "availableToLay", descending: false, out lay, out error))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        hasBoth = sawBack && sawLay;
        return true;
    }
}
