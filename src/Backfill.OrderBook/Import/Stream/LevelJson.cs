using System.Globalization;
using System.Text;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// One ladder level as its JSON object <c>{"price":p,"size":s}</c> in UTF-8. Ladders cache these per
/// level, because a snapshot rewrites every level while only a few change between snapshots.
/// Numbers are formatted the way <see cref="System.Text.Json.Utf8JsonWriter"/> formats them (shortest round-trip).
/// </summary>
internal static class LevelJson
{
    private static readonly byte[] PricePart = Encoding.UTF8.GetBytes("{\"price\":");
    private static readonly byte[] SizePart = Encoding.UTF8.GetBytes(",\"size\":");

    public static byte[] Encode(Level level)
    {
        Span<byte> buffer = stackalloc byte[96];
        var length = 0;
        PricePart.CopyTo(buffer);
        length += PricePart.Length;
        length += Format(level.Price, buffer[length..]);
        SizePart.CopyTo(buffer[length..]);
        length += SizePart.Length;
        length += Format(level.Size, buffer[length..]);
        buffer[length++] = (byte)'}';
        return buffer[..length].ToArray();
    }

    private static int Format(double value, Span<byte> destination)
    {
        if (!value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format {value} as a JSON number.");
        }

        return written;
    }
}
