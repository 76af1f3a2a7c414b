using System.Text;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Stream;
using Backfill.OrderBook.Tests.Import.Files;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>Runs a replay to the end and keeps what it produced.</summary>
internal sealed record Replay(IReadOnlyList<StreamEvent> Events, ReplaySummary Summary)
{
    public IReadOnlyList<StreamSnapshot> Snapshots => [.. Events.OfType<StreamSnapshot>()];

    public IReadOnlyList<StreamMarketInfo> Infos => [.. Events.OfType<StreamMarketInfo>()];

    public static Replay OfFile(string relative, StreamReplayOptions? options = null)
    {
        var path = BetfairData.File(relative);
        using var input = RecordingFiles.Open(path);
        return Of(input, Path.GetFileName(path), options);
    }

    /// <summary>Only the first line of a real file (e.g. a recording's opening image).</summary>
    public static Replay OfFirstLine(string relative, StreamReplayOptions? options = null)
    {
        using var reader = new StreamReader(RecordingFiles.Open(BetfairData.File(relative)));
        return OfLines([reader.ReadLine()!], options);
    }

    public static Replay OfLines(IEnumerable<string> lines, StreamReplayOptions? options = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return Of(input, "test-lines", options);
    }

    public static Replay Of(System.IO.Stream input, string name, StreamReplayOptions? options)
    {
        var replayer = new StreamReplayer(options ?? new StreamReplayOptions());
        var events = replayer.Replay(input, name).ToList();
        return new Replay(events, replayer.Summary);
    }
}

/// <summary>Parses a snapshot payload with the production REST reader, so tests see what the metrics will see.</summary>
internal static class Books
{
    public static MarketBook Parse(StreamSnapshot snapshot)
    {
        Assert.True(MarketBookReader.TryRead(snapshot.PayloadJson, out var book, out var error),
            $"payload of {snapshot.MarketId} at {snapshot.PublishedUtc:O} does not parse: {error}");
        return book;
    }

    public static RunnerBook Runner(MarketBook book, long selectionId) =>
        book.Runners.Single(runner => runner.SelectionId == selectionId);

    public static DateTime Utc(long epochMilliseconds) => DateTime.UnixEpoch.AddMilliseconds(epochMilliseconds);
}
