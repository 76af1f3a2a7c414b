using System.Text;
using Backfill.OrderBook.Import.Files;
using Backfill.OrderBook.Import.Rest;

namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>
/// Reads listMarketCatalogue responses (<c>{"jsonrpc":"2.0","result":[...]}</c> or a bare array,
/// also one per line) with the same framing and issue rules as <see cref="MarketBookResponseReader"/>:
/// a bad market is an issue and the others are still read.
/// </summary>
public static class MarketCatalogueReader
{
    /// <summary>Opens <paramref name="path"/> (plain, .gz or .bz2), reads its markets and assigns MATCH_ODDS roles.</summary>
    public static CatalogueImport ReadFile(string path)
    {
        var issues = new List<ImportIssue>();
        List<CatalogueMarket> markets;
        using (var stream = RecordingFiles.Open(path))
        {
            markets = Read(stream, path, issues.Add).ToList();
        }

        var metadata = new List<MarketMetadata>(markets.Count);
        var warnings = new List<RoleWarning>();
        foreach (var market in markets)
        {
            metadata.Add(MatchOddsRoles.Assign(market, out var warning));
            if (warning is not null)
            {
                warnings.Add(warning);
            }
        }

        return new CatalogueImport(path, markets, metadata, warnings, issues);
    }

    /// <summary>Lazily reads markets from <paramref name="utf8Json"/> (not disposed here), reporting problems to <paramref name="onIssue"/>.</summary>
    public static IEnumerable<CatalogueMarket> Read(System.IO.Stream utf8Json, string file, Action<ImportIssue> onIssue) =>
        ResponseChunks.ReadRecords(utf8Json, file, onIssue, ToMarkets);

    private static List<CatalogueMarket> ToMarkets(Chunk chunk, string file, Action<ImportIssue> onIssue)
    {
        var markets = new List<CatalogueMarket>();
        foreach (var record in ResponseFraming.Frame(chunk.Bytes.Span, chunk.FirstLine, file, onIssue))
        {
            if (record.Kind == RecordKind.MarketBook)
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.WrongType,
                    "a MarketBook (it has status, inplay or numberOfRunners), not a listMarketCatalogue market; skipped"));
                continue;
            }

            try
            {
                if (CatalogueMarketParser.TryParse(chunk.Bytes.Slice(record.Offset, record.Length), record.Line, out var market, out var kind, out var problem))
                {
                    markets.Add(market);
                }
                else
                {
                    onIssue(new ImportIssue(file, record.Line, kind, problem));
                }
            }
            catch (InvalidOperationException exception) when (exception.InnerException is DecoderFallbackException)
            {
                onIssue(new ImportIssue(file, record.Line, ImportIssueKinds.InvalidJson, "a string is not valid UTF-8; market skipped"));
            }
        }

        return markets;
    }
}
