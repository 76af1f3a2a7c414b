using System.CommandLine;
using System.Globalization;
using Backfill.Cli.Output;
using Backfill.OrderBook.Import;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Stream;

namespace Backfill.Cli.Commands;

public static partial class ImportCommand
{
    private static Command Stream()
    {
        var interval = new Option<string>("--interval")
        {
            Description = "At most one snapshot per market per interval of publish time (e.g. 1s, 500ms, 5m), plus one on every status or in-play change and one at the end.",
            DefaultValueFactory = _ => "1s",
        };
        var marketType = new Option<string[]>("--market-type") { Description = "Only markets of this type (repeatable), e.g. MATCH_ODDS.", AllowMultipleArgumentsPerToken = true };
        return CommandFactory.Make("stream",
            "Exchange Stream recordings and official historical files (one mcm message per line): replayed per market into listMarketBook-shaped snapshots "
            + "(source stream:all-offers or stream:best-offers), with metadata from the market definitions. Bad lines are reported with file and line; the import goes on.",
            async (ctx, ct) =>
            {
                var options = new StreamReplayOptions
                {
                    Interval = ParseInterval(ctx.Parse.GetValue(interval)!),
                    MarketTypes = ctx.Parse.GetValue(marketType) ?? [],
                };
                var files = RecordingFiles.Expand(ctx.Parse.GetValue(Paths)!);
                await using var store = await OpenMigratedAsync(ctx, ct);
                var writer = new SnapshotWriter(store);
                var reports = new List<ImportFileReport>();
                foreach (var file in files)
                    reports.Add(await ImportRecordingAsync(file, options, writer, ct));
                return Print(ctx, "Exchange Stream recordings", reports);
            }, Paths, interval, marketType);
    }

    private static async Task<ImportFileReport> ImportRecordingAsync(string file, StreamReplayOptions options, SnapshotWriter writer, CancellationToken ct)
    {
        var replayer = new StreamReplayer(options);
        var markets = new Dictionary<string, StreamMarketInfo>(StringComparer.Ordinal);
        await using var input = RecordingFiles.Open(file);

        // Snapshots stream into the writer as the replay yields them; market definitions are kept (latest wins).
        IEnumerable<SnapshotRow> Snapshots()
        {
            foreach (var e in replayer.Replay(input, file))
            {
                if (e is StreamMarketInfo info) markets[info.MarketId] = info;
                else if (e is StreamSnapshot s) yield return new SnapshotRow(s.MarketId, s.PublishedUtc, s.PayloadJson, s.TotalMatched, s.InPlay, s.Status, s.Source);
            }
        }

        var counts = await writer.WriteSnapshotsAsync(Snapshots(), ct);
        var warnings = new List<string>();
        await writer.WriteMetadataAsync(markets.Values.Select(m => ToMetadata(m, warnings)), ct);
        var summary = replayer.Summary;
        var issues = summary.Issues.Select(i => $"line {i.Line}: {i.Kind}: {i.Message}").ToList();
        if (summary.IssueCount > summary.Issues.Count) issues.Add($"({summary.IssueCount - summary.Issues.Count} more issues not kept)");
        return new ImportFileReport(file, summary.SnapshotsEmitted, counts.Added, counts.AlreadyPresent, issues, warnings)
        {
            Skipped = summary.Skipped,
        };
    }

    private static MetadataRow ToMetadata(StreamMarketInfo m, List<string> warnings)
    {
        if (m.MarketType == "MATCH_ODDS" && m.Runners.Count == 3)
        {
            if (RoleAssignment.TryAssign(m, out var roles, out var reason))
            {
                if (roles.Warning is { } w) warnings.Add($"market {m.MarketId}: {w}");
                return new MetadataRow(m.MarketId, m.EventName, null, m.MarketTimeUtc, roles.HomeSelectionId, roles.AwaySelectionId, roles.DrawSelectionId,
                    roles.HomeName, roles.AwayName, roles.DrawName);
            }
            warnings.Add($"market {m.MarketId}: no home/away/draw roles: {reason}");
        }
        return new MetadataRow(m.MarketId, m.EventName, null, m.MarketTimeUtc, null, null, null, null, null, null);
    }

    private static TimeSpan ParseInterval(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
                return TimeSpan.FromSeconds(n * seconds);
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0) return TimeSpan.FromSeconds(plain);
        throw new FormatException($"--interval '{text}' is not a duration (use e.g. 1s, 500ms, 5m).");
    }
}
