using System.Text;
using Backfill.OrderBook.Import.Rest;

namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>Reads JSON text written in a test as if it were a file called <c>test.json</c>.</summary>
internal static class RestReading
{
    public const string FileName = "test.json";

    public static (List<RestMarketBook> Books, List<ImportIssue> Issues) Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    public static (List<RestMarketBook> Books, List<ImportIssue> Issues) Read(byte[] utf8)
    {
        var issues = new List<ImportIssue>();
        using var stream = new MemoryStream(utf8);
        var books = MarketBookResponseReader.Read(stream, FileName, issues.Add).ToList();
        return (books, issues);
    }

    /// <summary>A small valid MarketBook on one line: <paramref name="runners"/> runners with one level a side.</summary>
    public static string Book(string marketId, int runners = 3) =>
        $$$"""{"marketId":"{{{marketId}}}","status":"OPEN","inplay":false,"totalMatched":100.5,"runners":[{{{string.Join(",", Enumerable.Range(1, runners).Select(Runner))}}}]}""";

    private static string Runner(int selectionId) =>
        $$$"""{"selectionId":{{{selectionId}}},"status":"ACTIVE","ex":{"availableToBack":[{"price":2.0,"size":10}],"availableToLay":[{"price":2.02,"size":5}]}}""";

    public static string Response(params string[] books) => $$"""{"jsonrpc":"2.0","result":[{{string.Join(",", books)}}],"id":1}""";
}
