using System.Text.Json;

namespace Backfill.OrderBook.Import.Rest;

/// <summary>
/// What one pass over an object's own properties tells: whether it is a JSON-RPC envelope
/// (it has <c>result</c>, <c>error</c> or <c>jsonrpc</c>) and its poll time. A MarketBook has
/// no poll-time field of its own; a recorder may add <c>pt</c> (epoch milliseconds, the name the
/// Exchange Stream uses for publish time) to a response or a MarketBook, and only that is used.
/// </summary>
internal readonly record struct ObjectShape(bool IsEnvelope, bool IsComplete, DateTime? PollTimeUtc, string? PollTimeProblem, RecordKind Kind)
{
    private static readonly long EarliestPollTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long LatestPollTime = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>
    /// The reader is on <c>{</c>; when the object is complete it is left on the matching <c>}</c>.
    /// A syntax error inside ends the scan with what was seen so far and <see cref="IsComplete"/> false.
    /// </summary>
    public static ObjectShape Scan(ref Utf8JsonReader reader)
    {
        var isEnvelope = false;
        var kind = RecordKind.Unknown;
        DateTime? pollTime = null;
        string? problem = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                isEnvelope |= reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("jsonrpc"u8);
                if (reader.ValueTextEquals("marketName"u8) || reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("event"u8))
                {
                    kind = RecordKind.CatalogueMarket;
                }
                else if (reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("inplay"u8) || reader.ValueTextEquals("numberOfRunners"u8))
                {
                    kind = RecordKind.MarketBook;
                }

                var isPollTime = reader.ValueTextEquals("pt"u8);
                reader.Read();
                if (isPollTime)
                {
                    (pollTime, problem) = ReadPollTime(ref reader);
                }

                reader.Skip();
            }

            return new ObjectShape(isEnvelope, reader.TokenType == JsonTokenType.EndObject, pollTime, problem, kind);
        }
        catch (JsonException)
        {
            return new ObjectShape(isEnvelope, false, pollTime, problem, kind);
        }
    }

    private static (DateTime?, string?) ReadPollTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, null);
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var milliseconds)
            && milliseconds >= EarliestPollTime && milliseconds < LatestPollTime)
        {
            return (DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime, null);
        }

        var shown = reader.TokenType is JsonTokenType.Number or JsonTokenType.String
            ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan)
            : reader.TokenType.ToString();
        return (null, $"pt {shown} is not a poll time in epoch milliseconds (2000-2100); the record is kept without a time");
    }
}

/// <summary>
/// What a record object looks like from its own property names, so that a catalogue given to the
/// MarketBook reader (or the reverse) is reported instead of half-read: only a catalogue market has
/// <c>marketName</c>, <c>description</c> or <c>event</c>; only a MarketBook has <c>status</c>,
/// <c>inplay</c> or <c>numberOfRunners</c>. The last such property seen decides.
/// </summary>
internal enum RecordKind
{
    Unknown,
    MarketBook,
    CatalogueMarket,
}
