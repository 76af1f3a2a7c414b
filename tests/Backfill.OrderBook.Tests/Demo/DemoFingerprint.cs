using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Backfill.OrderBook.Demo;

namespace Backfill.OrderBook.Tests.Demo;

/// <summary>A SHA-256 over every field of a dataset, in a canonical culture-free text form.</summary>
internal static class DemoFingerprint
{
    public static string Of(DemoDataset dataset)
    {
        var text = new StringBuilder();
        foreach (var m in dataset.Markets)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{m.MarketId}|{m.EventName}|{m.CompetitionName}|{m.MarketStartTimeUtc.Ticks}|{m.HomeSelectionId}|{m.AwaySelectionId}|{m.DrawSelectionId}|{m.HomeRunnerName}|{m.AwayRunnerName}|{m.DrawRunnerName}|{m.HasMetadata}\n");
        }

        foreach (var s in dataset.Snapshots)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{s.SnapshotId}|{s.MarketId}|{s.SnapshotAtUtc.Ticks}|{s.RawPayload ?? "<null>"}|{s.TotalMatched:R}|{s.Inplay}|{s.Status}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
