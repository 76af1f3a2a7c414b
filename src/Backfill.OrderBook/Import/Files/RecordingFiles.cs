using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;

namespace Backfill.OrderBook.Import.Files;

/// <summary>
/// Opening recorded Betfair files (stream recordings, historical files, REST dumps) without caring
/// how they were compressed: <c>.bz2</c>, <c>.gz</c> or plain, decided by the first bytes of the file
/// (so a misnamed file still opens), falling back to the extension for files too short to tell.
/// </summary>
public static class RecordingFiles
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading, decompressing on the fly.
    /// The caller disposes the returned stream; that closes the file too.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static System.IO.Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Recording file not found: {path}", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            return Wrap(file, DetectCompression(file, path));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Expands <paramref name="paths"/> to files: a file stays as it is, a directory becomes every
    /// file below it (recursively), sorted ordinally by full path so runs are repeatable. Inputs keep
    /// their order; a file named twice is returned once.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                AddOnce(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal);
                foreach (var file in found)
                {
                    AddOnce(file);
                }
            }
            else
            {
                throw new FileNotFoundException(
                    $"Input path does not exist (neither a file nor a directory): {path} (resolved to {Path.GetFullPath(path)})", path);
            }
        }

        return files;

        void AddOnce(string file)
        {
            if (seen.Add(file))
            {
                files.Add(file);
            }
        }
    }

    /// <summary>The compression of <paramref name="path"/>, from its magic bytes or else its extension.</summary>
    public static RecordingCompression DetectCompression(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16);
        return DetectCompression(file, path);
    }

    /// <summary>Wraps an already open stream in the right decompressor; disposing the result disposes <paramref name="raw"/>.</summary>
    public static System.IO.Stream Wrap(System.IO.Stream raw, RecordingCompression compression) => compression switch
    {
        RecordingCompression.BZip2 => new BZip2InputStream(raw) { IsStreamOwner = true },
        RecordingCompression.GZip => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: false),
        _ => raw,
    };

    /// <summary>Peeks at the first bytes of a seekable stream and rewinds it.</summary>
    private static RecordingCompression DetectCompression(FileStream file, string path)
    {
        Span<byte> head = stackalloc byte[3];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 3 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h')
        {
            return RecordingCompression.BZip2;
        }

        if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return RecordingCompression.GZip;
        }

        // Too short for a magic number: trust the name, so an empty "x.gz" fails loudly instead of reading as empty text.
        if (read < 3)
        {
            if (path.EndsWith(".bz2", StringComparison.OrdinalIgnoreCase))
            {
                return RecordingCompression.BZip2;
            }

            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return RecordingCompression.GZip;
            }
        }

        return RecordingCompression.None;
    }
}

/// <summary>How a recording file is compressed.</summary>
public enum RecordingCompression
{
    None,
    BZip2,
    GZip,
}
