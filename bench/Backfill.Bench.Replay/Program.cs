using System.Diagnostics;
using System.Globalization;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Stream;

// Replay speed of an Exchange Stream recording: the whole 'import stream' pipeline short of the
// database (decompress, parse, apply deltas, emit listMarketBook snapshots as JSON).
// Usage: backfill-bench-replay [FILE] [--repeats N]   (default: ../shared/data/betfair/stream/cricket-match-odds-1.200806927)
var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultRecording();
var repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(int.Parse).FirstOrDefault(5);
if (!File.Exists(file))
{
    Console.Error.WriteLine($"Recording '{file}' not found (the benchmark reads ../shared/data in place).");
    return 2;
}

var bytes = new FileInfo(file).Length;
for (var i = 0; i < 3; i++) Replay(); // warm-up: JIT and caches
var times = Enumerable.Range(0, repeats).Select(_ => Replay()).ToList();
var (elapsed, summary) = times.OrderBy(t => t.Elapsed).ElementAt(times.Count / 2);
var seconds = elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Path.GetFileName(file)}: {bytes / 1e6:0.0} MB, {summary.LinesRead:N0} lines, {summary.Messages:N0} messages, {summary.SnapshotsEmitted:N0} snapshots; "
    + $"median of {repeats}: {elapsed.TotalMilliseconds:0} ms = {summary.Messages / seconds:N0} messages/s, {bytes / 1e6 / seconds:0.0} MB/s "
    + $"(min {times.Min(t => t.Elapsed).TotalMilliseconds:0} ms, max {times.Max(t => t.Elapsed).TotalMilliseconds:0} ms)"));
return 0;

(TimeSpan Elapsed, ReplaySummary Summary) Replay()
{
    var watch = Stopwatch.StartNew();
    var replayer = new StreamReplayer(new StreamReplayOptions());
    using var input = RecordingFiles.Open(file);
    long emitted = 0;
    foreach (var e in replayer.Replay(input, file))
        if (e is StreamSnapshot) emitted++;
    return (watch.Elapsed, replayer.Summary);
}

static string DefaultRecording()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Backfill.slnx")))
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "betfair", "stream", "cricket-match-odds-1.200806927"));
    return "cricket-match-odds-1.200806927";
}
