using System.Globalization;
using System.Text;

namespace Backfill.Core.Reports;

/// <summary>Small helpers for the Markdown tables reports are made of.</summary>
public static class Markdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string N(long value) => value.ToString("N0", Inv);
    public static string N(double? value, int decimals = 2) => value is { } v ? v.ToString("N" + decimals, Inv) : "—";
    public static string Signed(double? value) => value is { } v ? (v > 0 ? "+" : "") + v.ToString("N2", Inv) : "—";
    public static string Pct(double value) => value.ToString(value is > 0 and < 0.1 ? "0.00" : "0.0", Inv) + "%";
    public static string Time(DateTime? t) => t is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss", Inv) : "—";

    public static string Duration(TimeSpan? d) => d is not { } v ? "—"
        : v.TotalSeconds < 60 ? v.TotalSeconds.ToString("0.0", Inv) + " s"
        : v.TotalMinutes < 60 ? $"{(int)v.TotalMinutes} min {v.Seconds} s"
        : $"{(int)v.TotalHours} h {v.Minutes} min";

    public static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        sb.Append('|').AppendJoin("", header.Select(_ => "---|")).AppendLine();
        foreach (var row in rows) sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        sb.AppendLine();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
