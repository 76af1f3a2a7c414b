using System.IO.Compression;
using System.Text;
using Backfill.OrderBook.Import.Files;

namespace Backfill.OrderBook.Tests.Import.Files;

public sealed class RecordingFilesTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("recording-files-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Bz2_recording_is_decompressed_and_its_first_line_is_the_image()
    {
        var path = BetfairData.File("stream/football-match-odds-1.242971311.bz2");
        Assert.Equal(RecordingCompression.BZip2, RecordingFiles.DetectCompression(path));

        using var reader = new StreamReader(RecordingFiles.Open(path));
        var first = reader.ReadLine()!;
        Assert.StartsWith("{\"op\":\"mcm\",\"id\":3,", first, StringComparison.Ordinal);
        Assert.Contains("\"ct\":\"SUB_IMAGE\"", first, StringComparison.Ordinal);
        var lines = 1;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        Assert.Equal(1736, lines); // the README's count
    }

    [Fact]
    public void Plain_recording_is_read_as_is()
    {
        var path = BetfairData.File("stream/cricket-match-odds-1.200806927");
        Assert.Equal(RecordingCompression.None, RecordingFiles.DetectCompression(path));
        using var opened = RecordingFiles.Open(path);
        using var reader = new StreamReader(opened);
        Assert.StartsWith("{\"op\":\"mcm\",\"clk\":\"AOq7wRQA5papFACf7r4U\",\"pt\":1657018212979,", reader.ReadLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_even_under_a_misleading_name()
    {
        var source = BetfairData.File("stream/greyhound-win-1.197931750");
        var misnamed = Path.Combine(_temp, "greyhound.txt");
        using (var output = System.IO.File.Create(misnamed))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var input = System.IO.File.OpenRead(source))
        {
            input.CopyTo(gzip);
        }

        Assert.Equal(RecordingCompression.GZip, RecordingFiles.DetectCompression(misnamed));
        using var decompressed = RecordingFiles.Open(misnamed);
        using var copy = new MemoryStream();
        decompressed.CopyTo(copy);
        Assert.Equal(System.IO.File.ReadAllBytes(source), copy.ToArray());
    }

    [Fact]
    public void Expand_lists_directories_recursively_and_sorted_and_keeps_files_as_given()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "b", "deeper"));
        foreach (var name in new[] { "b/z.json", "b/deeper/a.bz2", "a.txt", "b/c.gz" })
        {
            System.IO.File.WriteAllText(Path.Combine(_temp, name), "x");
        }

        var single = Path.Combine(_temp, "a.txt");
        var expanded = RecordingFiles.Expand([single, Path.Combine(_temp, "b"), single]);

        Assert.Equal(
            ["a.txt", "b/c.gz", "b/deeper/a.bz2", "b/z.json"],
            expanded.Select(path => Path.GetRelativePath(_temp, path).Replace('\\', '/')));
    }

    [Fact]
    public void Expand_names_a_path_that_does_not_exist()
    {
        var missing = Path.Combine(_temp, "no-such-recording.bz2");
        var error = Assert.Throws<FileNotFoundException>(() => RecordingFiles.Expand([_temp, missing]));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => RecordingFiles.Open(missing));
    }

    [Fact]
    public void Tiny_files_fall_back_to_the_extension()
    {
        var plain = Path.Combine(_temp, "one.txt");
        System.IO.File.WriteAllBytes(plain, Encoding.ASCII.GetBytes("{}"));
        var empty = Path.Combine(_temp, "empty.bz2");
        System.IO.File.WriteAllBytes(empty, []);

        Assert.Equal(RecordingCompression.None, RecordingFiles.DetectCompression(plain));
        Assert.Equal(RecordingCompression.BZip2, RecordingFiles.DetectCompression(empty));
        using var reader = new StreamReader(RecordingFiles.Open(plain));
        Assert.Equal("{}", reader.ReadToEnd());
    }
}
