using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>
/// Typed reads of the current value token. JSON <c>null</c> counts as absent, because Betfair
/// omits and nulls optional fields interchangeably; any other wrong type is reported as false.
/// </summary>
internal static class JsonValues
{
    /// <summary>Out-of-range numbers parse to infinity; those are treated as absent too.</summary>
    public static bool TryGetOptionalNumber(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (FastDouble.TryGet(ref reader, out var number) && double.IsFinite(number))
        {
            value = number;
        }

        return true;
    }

    public static bool TryGetOptionalString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    public static bool TryGetOptionalStatus(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? KnownStatuses.Read(ref reader) : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    public static bool TryGetOptionalBoolean(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
    }
}
