using System.Text;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Output;

/// <summary>What one import read from each file, what it added, and every line it could not use.</summary>
public sealed record ImportFileReport(string File, long Read, long Added, long AlreadyPresent, IReadOnlyList<string> Issues, IReadOnlyList<string> Warnings)
{
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();
}

public static class ImportPrinter
{
    private const int MaxLinesPerFile = 20;

    public static string Render(string what, IReadOnlyList<ImportFileReport> files)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Import of {what}").AppendLine();
        Table(sb, ["File", "Read", "Added", "Already present", "Skipped", "Issues", "Warnings"], files.Select(f => (IReadOnlyList<string>)
        [
            Path.GetFileName(f.File), N(f.Read), N(f.Added), N(f.AlreadyPresent),
            f.Skipped.Count == 0 ? "0" : string.Join(", ", f.Skipped.Select(s => $"{s.Key} {N(s.Value)}")),
            N(f.Issues.Count), N(f.Warnings.Count),
        ]));
        foreach (var f in files.Where(f => f.Issues.Count + f.Warnings.Count > 0))
        {
            sb.AppendLine($"{f.File}:");
            foreach (var line in f.Issues.Concat(f.Warnings).Take(MaxLinesPerFile)) sb.AppendLine($"  {line}");
            var more = f.Issues.Count + f.Warnings.Count - MaxLinesPerFile;
            if (more > 0) sb.AppendLine($"  ... and {N(more)} more (use --json for all)");
        }
        return sb.ToString();
    }
}
