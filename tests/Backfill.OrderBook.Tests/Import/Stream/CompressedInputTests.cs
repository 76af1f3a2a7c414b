using System.IO.Compression;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Stream;
using Backfill.OrderBook.Tests.Import.Files;

namespace Backfill.OrderBook.Tests.Import.Stream;

/// <summary>The replayer reads any stream RecordingFiles opens: plain, bz2 and gz give the same events.</summary>
public sealed class CompressedInputTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("stream-replay-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void A_gzipped_copy_replays_exactly_like_the_plain_file()
    {
        var plain = BetfairData.File("stream/greyhound-win-1.197931750");
        var gzipped = Path.Combine(_temp, "greyhound-win-1.197931750.gz");
        using (var output = File.Create(gzipped))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var input = File.OpenRead(plain))
        {
            input.CopyTo(gzip);
        }

        var fromPlain = Replay.OfFile("stream/greyhound-win-1.197931750");
        Replay fromGzip;
        using (var input = RecordingFiles.Open(gzipped))
        {
            fromGzip = Replay.Of(input, "greyhound.gz", null);
        }

        Assert.Equal(166, fromGzip.Summary.LinesRead);
        Assert.Empty(fromGzip.Summary.IssuesByKind);
        Assert.Equal(fromPlain.Snapshots.Count, fromGzip.Snapshots.Count);
        Assert.True(fromPlain.Snapshots.SequenceEqual(fromGzip.Snapshots), "gz snapshots differ from the plain file's");
        Assert.Equal(
            fromPlain.Infos.Select(info => (info.MarketId, info.MarketType, string.Join(",", info.Runners))),
            fromGzip.Infos.Select(info => (info.MarketId, info.MarketType, string.Join(",", info.Runners))));
        // 1.197931750 ends CLOSED with 37947503 the winner.
        Assert.Equal("CLOSED", fromGzip.Snapshots[^1].Status);
        Assert.Contains("\"selectionId\":37947503,\"handicap\":0,\"status\":\"WINNER\"", fromGzip.Snapshots[^1].PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Bz2_recordings_replay_straight_from_the_compressed_stream()
    {
        var replay = Replay.OfFile("stream/basketball-match-odds-1.166811431.bz2");
        Assert.Equal(11357, replay.Summary.LinesRead);
        Assert.Empty(replay.Summary.IssuesByKind);
        var info = replay.Infos[0];
        Assert.Equal("Cleveland Cavaliers @ Minnesota Timberwolves", info.EventName);
        Assert.Equal([(60424L, (int?)1, "Cleveland Cavaliers", "ACTIVE"), (237478L, (int?)2, "Minnesota Timberwolves", "ACTIVE")],
            info.Runners.Select(runner => (runner.SelectionId, runner.SortPriority, runner.Name!, runner.Status)));
        Assert.Equal("CLOSED", replay.Snapshots[^1].Status);
    }
}
