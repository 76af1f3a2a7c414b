using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook;

/// <summary>
/// Market and runner statuses come from a tiny fixed vocabulary; returning shared string
/// instances for them avoids a string allocation per runner on the hot path.
/// </summary>
internal static class KnownStatuses
{
    private static readonly (byte[] Utf8, string Text)[] Vocabulary = Encode(
        "ACTIVE", "OPEN", "SUSPENDED", "CLOSED", "INACTIVE",
        "WINNER", "LOSER", "PLACED", "REMOVED", "REMOVED_VACANT", "HIDDEN");

    /// <summary>Reads the current string token, sharing the instance when it is a known status.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        foreach (var (utf8, text) in Vocabulary)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return text;
            }
        }

        return reader.GetString()!;
    }

    /// <summary>The same for a string's raw bytes (printable ASCII, no escapes).</summary>
    public static string Read(ReadOnlySpan<byte> text)
    {
        foreach (var (utf8, status) in Vocabulary)
        {
            if (text.SequenceEqual(utf8))
            {
                return status;
            }
        }

        return Encoding.ASCII.GetString(text);
    }

    private static (byte[] Utf8, string Text)[] Encode(params string[] statuses) =>
        Array.ConvertAll(statuses, status => (Encoding.UTF8.GetBytes(status), status));
}
