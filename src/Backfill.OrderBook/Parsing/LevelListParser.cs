using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>
/// Reads one side of a runner's ladder (<c>ex.availableToBack</c> or <c>ex.availableToLay</c>),
/// accepting levels as <c>{"price":p,"size":s}</c> objects or <c>[p,s]</c> pairs, and returns it
/// filtered and ordered best price first.
/// </summary>
internal static class LevelListParser
{
    /// <summary>The reader is on the side's value token; on success it is left on the array's end.</summary>
    public static bool TryParse(
        ref Utf8JsonReader reader, int runnerIndex, string side, bool descending,
        out Level[] levels, [NotNullWhen(false)] out string? error)
    {
        levels = [];
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = $"runners[{runnerIndex}].ex.{side} is not an array";
            return false;
        }

        var ladder = new LadderBuilder();
        for (var position = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; position++)
        {
            if (!TryParseLevel(ref reader, out var price, out var size, out var problem))
            {
                error = $"runners[{runnerIndex}].ex.{side}[{position}]{problem}";
                return false;
            }

            ladder.Add(price, size);
        }

        levels = ladder.Build(descending);
        return true;
    }

    /// <summary>A missing or null price/size yields NaN, which the usability filter then drops.</summary>
    private static bool TryParseLevel(ref Utf8JsonReader reader, out double price, out double size, out string? problem)
    {
        price = double.NaN;
        size = double.NaN;
        problem = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("price"u8))
                    {
                        reader.Read();
                        if (!TryGetNumber(ref reader, ref price))
                        {
                            problem = ".price is not a number";
                            return false;
                        }
                    }
                    else if (reader.ValueTextEquals("size"u8))
                    {
                        reader.Read();
                        if (!TryGetNumber(ref reader, ref size))
                        {
                            problem = ".size is not a number";
                            return false;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return true;

            case JsonTokenType.StartArray:
                var isPair = reader.Read() && reader.TokenType == JsonTokenType.Number && FastDouble.TryGet(ref reader, out price)
                    && reader.Read() && reader.TokenType == JsonTokenType.Number && FastDouble.TryGet(ref reader, out size)
                    && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
                if (!isPair)
                {
                    problem = " is not a [price, size] pair of numbers";
                }

                return isPair;

            default:
                problem = " is not a level object or [price, size] pair";
                return false;
        }
    }

    private static bool TryGetNumber(ref Utf8JsonReader reader, ref double value)
    {
        if (!JsonValues.TryGetOptionalNumber(ref reader, out var number))
        {
            return false;
        }

        value = number ?? double.NaN;
        return true;
    }
}
