using System.Text;
using Backfill.Core.Audit;
using Backfill.Core.Runs;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Output;

public static class AuditPrinter
{
    public static string Render(AuditReport a, string database)
    {
        var sb = new StringBuilder();
        var all = a.Nulls.All;
        sb.AppendLine($"# Audit: job {a.Job} on {database}").AppendLine();
        Table(sb, ["Metric", "Value"],
        [
            ["Total source rows", N(all.SourceRows)],
            ["Rows in derived table", N(all.DerivedRows)],
            ["Source rows without a derived row", N(all.MissingDerivedRows)],
            ["Candidates (any target NULL or no derived row)", N(a.Candidates)],
        ]);
        sb.AppendLine(a.Nulls.Recent is null ? "## NULLs per target column" : $"## NULLs per target column (recent = since {Time(a.Nulls.RecentSince)}, the last 7 days of data)").AppendLine();
        Table(sb, ["Column", "NULL", "% NULL", "NULL last 7 days", "% NULL last 7 days"], a.Columns.Select(c => (IReadOnlyList<string>)
        [
            c, N(all.Nulls.GetValueOrDefault(c)), Pct(all.NullPercent(c)),
            a.Nulls.Recent is { } r ? N(r.Nulls.GetValueOrDefault(c)) : "—",
            a.Nulls.Recent is { } r2 ? Pct(r2.NullPercent(c)) : "—",
        ]));
        sb.AppendLine(GapVerdict(a.Nulls, a.Columns)).AppendLine();
        if (a.Tiers is { } t && a.CandidateTiers is { } ct)
        {
            sb.AppendLine("## Eligibility").AppendLine();
            Table(sb, ["Tier", "Meaning", "All rows", "Candidates"],
            [
                ["A", "fully rebuildable: payload parses, all mapped runners carry both ladder arrays", N(t.A), N(ct.A)],
                ["B", "partly rebuildable: metadata, a mapped runner or a ladder array is missing", N(t.B), N(ct.B)],
                ["C", "not rebuildable: no usable payload", N(t.C), N(ct.C)],
            ]);
        }
        if (a.Counters.Count > 0)
        {
            sb.AppendLine("## Raw data checks").AppendLine();
            Table(sb, ["Check", "Count"], a.Counters.Select(c => (IReadOnlyList<string>)[c.Key.Replace('_', ' '), N(c.Value)]));
        }
        return sb.ToString();
    }

    // Seed 002 told an ongoing gap from a historical one by comparing all NULLs with the last 7 days.
    private static string GapVerdict(NullStats s, IReadOnlyList<string> columns)
    {
        if (s.Recent is not { } recent) return "";
        var total = columns.Sum(c => s.All.Nulls.GetValueOrDefault(c));
        var last7 = columns.Sum(c => recent.Nulls.GetValueOrDefault(c));
        if (total == 0) return "No NULLs in the target columns.";
        if (last7 == 0) return "Gap is historical only: no NULLs in the last 7 days.";
        return last7 == total ? "Gap is ongoing: every NULL is in the last 7 days (check the live ingester)." : "Gap is both historical and ongoing (NULLs in the last 7 days too).";
    }
}
