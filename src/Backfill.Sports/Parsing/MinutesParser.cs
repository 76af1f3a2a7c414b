using System.Globalization;

namespace Backfill.Sports.Parsing;

/// <summary>
/// Minutes played, in decimal minutes, from every format the NBA feeds use: "34", "22.2317", "34:12",
/// "265:00" (team), "29.000000:53" (docs tables), "PT26M12.04S" (live box score). Players who did not play
/// ("DNP - ...", "DND - ...", "NWT - ...", empty) and anything unreadable give null; it never throws.
/// </summary>
public static class MinutesParser
{
    private static readonly string[] NotPlayedPrefixes = ["DNP", "DND", "NWT"];

    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (NotPlayedPrefixes.Any(p => s.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return null;
        if (s.StartsWith("PT", StringComparison.OrdinalIgnoreCase)) return ParseIsoDuration(s[2..]);

        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return Number(s);
        var minutes = Number(s[..colon]);
        var seconds = Number(s[(colon + 1)..]);
        return minutes is { } m && seconds is < 60 and { } sec ? m + sec / 60 : null;
    }

    /// <summary>The part after "PT" of an ISO-8601 duration: optional hours, minutes and (decimal) seconds, in that order.</summary>
    private static double? ParseIsoDuration(string s)
    {
        double total = 0;
        var rest = s.AsSpan();
        var any = false;
        foreach (var (unit, perUnit) in new[] { ('H', 60.0), ('M', 1.0), ('S', 1 / 60.0) })
        {
            var at = rest.IndexOfAny(char.ToUpperInvariant(unit), char.ToLowerInvariant(unit));
            if (at < 0) continue;
            if (Number(rest[..at].ToString()) is not { } value) return null;
            total += value * perUnit;
            rest = rest[(at + 1)..];
            any = true;
        }
        return any && rest.IsEmpty ? total : null;
    }

    /// <summary>A non-negative finite decimal; no sign, exponent or thousands separators.</summary>
    private static double? Number(string s) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
