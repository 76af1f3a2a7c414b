using System.Buffers;
using System.Text.Json;

namespace Backfill.OrderBook.Import.Rest;

/// <summary>A piece of a file parsed on its own: one line of a newline-delimited file, or the whole document.</summary>
internal readonly record struct Chunk(ReadOnlyMemory<byte> Bytes, long FirstLine);

/// <summary>
/// Decides how a response file is laid out and cuts it into independently parsed chunks.
/// <list type="bullet">
/// <item>Newline-delimited (one JSON document per line): each non-blank line is a chunk, so a bad
/// line costs only itself. Memory is bounded by the longest line, so files of any size stream.</item>
/// <item>Otherwise the file is one document (typically pretty-printed): it is read whole, up to
/// <see cref="MaxChunkBytes"/>, and one syntax error ends it (records before the error are kept).</item>
/// </list>
/// The file is newline-delimited when its first non-blank line is a complete JSON object or array by
/// itself, or when that line is not but the next non-blank line starts a complete object or array
/// in column 0 (pretty-printers indent, so only a new document starts there).
/// </summary>
internal static class ResponseChunks
{
    /// <summary>Betfair caps a listMarketBook response well below this; larger input is reported, not read.</summary>
    public const int MaxChunkBytes = 50 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    public static IEnumerable<Chunk> Read(System.IO.Stream stream, string file, Action<ImportIssue> onIssue)
    {
        var lines = new LineSplitter(stream, MaxChunkBytes);
        var head = new ArrayBufferWriter<byte>();
        RawLine line;

        // The first non-blank line; blank ones before it stay in the head so document offsets stay exact.
        byte[]? first = null;
        long firstNumber = 0;
        while (lines.TryRead(out line))
        {
            if (line.TooLong)
            {
                onIssue(TooLarge(file, line.Number));
                break;
            }

            var content = line.Number == 1 ? StripByteOrderMark(line.Content) : line.Content;
            if (IsBlank(content.Span))
            {
                Append(head, content.Span, line.EndsWithNewline);
                continue;
            }

            if (IsCompleteValue(content.Span))
            {
                yield return new Chunk(content, line.Number);
                foreach (var chunk in RemainingLines(lines, file, onIssue))
                {
                    yield return chunk;
                }

                yield break;
            }

            first = content.ToArray();
            firstNumber = line.Number;
            Append(head, content.Span, line.EndsWithNewline);
            break;
        }

        if (first is null)
        {
            if (line.TooLong)
            {
                foreach (var chunk in RemainingLines(lines, file, onIssue))
                {
                    yield return chunk;
                }
            }
            else
            {
                onIssue(new ImportIssue(file, 1, ImportIssueKinds.Empty, "the file holds no JSON"));
            }

            yield break;
        }

        // The first line is incomplete: the start of a multi-line document, or a bad line of a newline-delimited file.
        while (lines.TryRead(out line))
        {
            if (line.TooLong)
            {
                onIssue(TooLarge(file, line.Number));
                yield break;
            }

            if (IsBlank(line.Content.Span))
            {
                Append(head, line.Content.Span, line.EndsWithNewline);
                continue;
            }

            if (line.Content.Span[0] is (byte)'{' or (byte)'[' && IsCompleteValue(line.Content.Span))
            {
                // A second document in column 0: newline-delimited, and the first line is simply bad.
                var second = new Chunk(line.Content.ToArray(), line.Number);
                yield return new Chunk(first, firstNumber);
                yield return second;
                foreach (var chunk in RemainingLines(lines, file, onIssue))
                {
                    yield return chunk;
                }

                yield break;
            }

            Append(head, line.Content.Span, line.EndsWithNewline);
            break;
        }

        while (lines.TryRead(out line))
        {
            if (line.TooLong || head.WrittenCount + line.Content.Length > MaxChunkBytes)
            {
                onIssue(TooLarge(file, line.Number));
                yield break;
            }

            Append(head, line.Content.Span, line.EndsWithNewline);
        }

        yield return new Chunk(head.WrittenMemory, 1);
    }

    private static IEnumerable<Chunk> RemainingLines(LineSplitter lines, string file, Action<ImportIssue> onIssue)
    {
        while (lines.TryRead(out var line))
        {
            if (line.TooLong)
            {
                onIssue(TooLarge(file, line.Number));
            }
            else if (!IsBlank(line.Content.Span))
            {
                yield return new Chunk(line.Content, line.Number);
            }
        }
    }

    /// <summary>True when <paramref name="utf8"/> holds whole JSON objects or arrays and nothing else.</summary>
    private static bool IsCompleteValue(ReadOnlySpan<byte> utf8)
    {
        var firstByte = utf8.IndexOfAnyExcept(JsonWhitespace);
        if (firstByte < 0 || utf8[firstByte] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> StripByteOrderMark(ReadOnlyMemory<byte> content) =>
        content.Span.StartsWith(Utf8ByteOrderMark) ? content[Utf8ByteOrderMark.Length..] : content;

    private static bool IsBlank(ReadOnlySpan<byte> content) => content.IndexOfAnyExcept(JsonWhitespace) < 0;

    private static void Append(ArrayBufferWriter<byte> head, ReadOnlySpan<byte> content, bool newline)
    {
        head.Write(content);
        if (newline)
        {
            head.Write("\n"u8);
        }
    }

    private static ImportIssue TooLarge(string file, long line) =>
        new(file, line, ImportIssueKinds.TooLarge, $"more than {MaxChunkBytes / (1024 * 1024)} MB without a line break; skipped");

    /// <summary>
    /// Lazily turns the chunks of <paramref name="stream"/> into records, one chunk at a time: a
    /// chunk's bytes are only valid until the next one is read, so each is materialised first.
    /// </summary>
    public static IEnumerable<T> ReadRecords<T>(System.IO.Stream stream, string file, Action<ImportIssue> onIssue,
        Func<Chunk, string, Action<ImportIssue>, List<T>> toRecords)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(onIssue);
        return Records(stream, file, onIssue, toRecords);
    }

    private static IEnumerable<T> Records<T>(System.IO.Stream stream, string file, Action<ImportIssue> onIssue,
        Func<Chunk, string, Action<ImportIssue>, List<T>> toRecords)
    {
        foreach (var chunk in Read(stream, file, onIssue))
        {
            foreach (var record in toRecords(chunk, file, onIssue))
            {
                yield return record;
            }
        }
    }
}
