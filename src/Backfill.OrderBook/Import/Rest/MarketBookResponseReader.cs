using System.Text;
using Backfill.OrderBook.Import.Files;

namespace Backfill.OrderBook.Import.Rest;

/// <summary>
/// Reads files of Betfair listMarketBook responses: <c>{"jsonrpc":"2.0","result":[...]}</c>, a bare
/// array of MarketBooks, one MarketBook object, or any of these one per line (newline-delimited
/// poll logs). Yields every MarketBook that <see cref="MarketBookReader"/> accepts and has a
/// marketId; everything else becomes an <see cref="ImportIssue"/> and reading goes on. In a
/// newline-delimited file a bad line never costs another line; in a single multi-line document a
/// syntax error (truncation, NaN) ends the document, keeping the MarketBooks before it.
/// Newline-delimited files stream line by line (memory bounded by the longest line); a single
/// document is read whole, up to 50 MB.
/// </summary>
public static class MarketBookResponseReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens <paramref name="path"/> (plain, .gz or .bz2) and reads it whole into memory-light lists.</summary>
    public static RestImport ReadFile(string path)
    {
        var issues = new List<ImportIssue>();
        using var stream = RecordingFiles.Open(path);
        var books = Read(stream, path, issues.Add).ToList();
        return new RestImport(path, books, issues);
    }

    /// <summary>
    /// Lazily reads UTF-8 JSON from <paramref name="utf8Json"/> (not disposed here), calling
    /// <paramref name="onIssue"/> for each problem as it is met. <paramref name="file"/> names the
    /// source in issues.
    /// </summary>
    public static IEnumerable<RestMarketBook> Read(System.IO.Stream utf8Json, string file, Action<ImportIssue> onIssue) =>
        ResponseChunks.ReadRecords(utf8Json, file, onIssue, ToBooks);

    private static List<RestMarketBook> ToBooks(Chunk chunk, string file, Action<ImportIssue> onIssue)
    {
        var books = new List<RestMarketBook>();
        var bytes = chunk.Bytes.Span;
        foreach (var record in ResponseFraming.Frame(bytes, chunk.FirstLine, file, onIssue))
        {
            if (record.Kind == RecordKind.CatalogueMarket)
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.WrongType,
                    "a listMarketCatalogue market (it has marketName, description or event), not a MarketBook; skipped"));
                continue;
            }

            var payload = bytes.Slice(record.Offset, record.Length);
            if (!MarketBookReader.TryRead(payload, out var book, out var error))
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.InvalidMarketBook, $"market book rejected: {error}"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(book.MarketId))
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.MissingMarketId,
                    $"market book without a marketId ({book.Runners.Count} runners); skipped"));
                continue;
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(payload);
            }
            catch (DecoderFallbackException)
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.InvalidJson,
                    $"market book {book.MarketId} is not valid UTF-8; skipped"));
                continue;
            }

            books.Add(new RestMarketBook(book.MarketId, text, record.PollTimeUtc, book.Status, book.Inplay, book.TotalMatched, book.Runners.Count)
            {
                Line = record.Line,
            });
        }

        return books;
    }
}
