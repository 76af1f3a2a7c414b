using System.Text.Json;
using Backfill.OrderBook.Import.Rest;

namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>Golden numbers for the real listMarketBook files in shared/data/betfair/list_market_book.</summary>
public sealed class RealListMarketBookFilesTests
{
    public static TheoryData<string> Files =>
    [
        "list_market_book/betfairlightweight-list_market_book.json",
        "list_market_book/betfair_parser-list_market_book.json",
        "list_market_book/betfair_parser-list_market_book_no_rollup.json",
        "list_market_book/betfairlightweight-list_runner_book.json",
    ];

    [Fact]
    public void Betfairlightweight_file_is_one_suspended_in_play_market_of_six_runners()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("list_market_book/betfairlightweight-list_market_book.json"));

        Assert.Empty(import.Issues);
        var book = Assert.Single(import.Books);
        Assert.Equal("1.125875153", book.MarketId);
        Assert.Equal(6, book.Runners);
        Assert.Equal("SUSPENDED", book.Status);
        Assert.True(book.InPlay);
        Assert.Equal(744286.88, book.TotalMatched);
        Assert.Null(book.RecordedUtc); // lastMatchTime 2016-07-30T15:41:44.503Z is the last trade, not the poll time
        Assert.Equal(1, book.Line);
    }

    [Fact]
    public void Betfair_parser_file_is_five_open_pre_match_markets_with_their_runner_counts()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("list_market_book/betfair_parser-list_market_book.json"));

        Assert.Empty(import.Issues);
        Assert.Equal(
        [
            ("1.118292198", 10, 2751.4, 4L),
            ("1.118298611", 7, 19967.7, 414L),
            ("1.118298615", 14, 10064.81, 676L),
            ("1.118298866", 7, 8738.91, 1242L),
            ("1.118298870", 3, 9053.67, 1535L),
        ], import.Books.Select(b => (b.MarketId, b.Runners, b.TotalMatched ?? double.NaN, b.Line)));
        Assert.All(import.Books, b => Assert.Equal(("OPEN", (bool?)false, (DateTime?)null), (b.Status, b.InPlay, b.RecordedUtc)));
    }

    [Fact]
    public void No_rollup_file_is_one_market_of_five_runners()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("list_market_book/betfair_parser-list_market_book_no_rollup.json"));

        Assert.Empty(import.Issues);
        var book = Assert.Single(import.Books);
        Assert.Equal(("1.123398403", 5, "OPEN", (bool?)false, (double?)32424.96, 4L),
            (book.MarketId, book.Runners, book.Status, book.InPlay, book.TotalMatched, book.Line));
    }

    [Fact]
    public void List_runner_book_file_yields_its_market_with_the_one_runner_asked_for_and_no_ladders()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("list_market_book/betfairlightweight-list_runner_book.json"));

        // listRunnerBook answers with a MarketBook shape: market 1.156770587 has 3 runners, the response holds one.
        Assert.Empty(import.Issues);
        var book = Assert.Single(import.Books);
        Assert.Equal(("1.156770587", 1, "OPEN", (bool?)true, (double?)108804.79), (book.MarketId, book.Runners, book.Status, book.InPlay, book.TotalMatched));
        Assert.True(MarketBookReader.TryRead(book.PayloadJson, out var parsed, out _));
        var runner = Assert.Single(parsed.Runners);
        Assert.Equal(47999, runner.SelectionId);
        Assert.Equal(1.02, runner.LastPriceTraded);
        Assert.Empty(runner.Back);
        Assert.Empty(runner.Lay);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_payload_is_the_original_text_of_its_market_book_and_parses(string relativePath)
    {
        var path = RealData.Betfair(relativePath);
        var import = MarketBookResponseReader.ReadFile(path);

        // JsonDocument's raw text of an element is the file's own bytes for it: an independent slicer.
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var originals = document.RootElement.GetProperty("result").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Equal(originals, import.Books.Select(b => b.PayloadJson));

        var fileText = File.ReadAllText(path);
        foreach (var book in import.Books)
        {
            Assert.Contains(book.PayloadJson, fileText, StringComparison.Ordinal);
            Assert.True(MarketBookReader.TryRead(book.PayloadJson, out var parsed, out var error), error);
            Assert.Equal(book.MarketId, parsed.MarketId);
            Assert.Equal(book.Runners, parsed.Runners.Count);
            Assert.Equal(book.TotalMatched, parsed.TotalMatched);
        }
    }

    [Fact]
    public void Betfairlightweight_ladders_keep_their_depth_after_slicing()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("list_market_book/betfairlightweight-list_market_book.json"));

        Assert.True(MarketBookReader.TryRead(Assert.Single(import.Books).PayloadJson, out var book, out _));
        var first = book.Runners[0];
        Assert.Equal(8665860, first.SelectionId);
        Assert.Equal(new Level(21.0, 2.0), first.Back[0]);
        // Runner 6526662 has 66 back levels in the file; one (40.0, size 0) is not an offer.
        Assert.Equal([37, 68, 0, 47, 65, 0], book.Runners.Select(r => r.Back.Length));
        Assert.Equal([0, 0, 32, 0, 0, 0], book.Runners.Select(r => r.Lay.Length));
        Assert.Equal(5, book.Runners.Count(r => r.Status == "ACTIVE"));
        Assert.Equal(1, book.Runners.Count(r => r.Status == "REMOVED"));
    }
}
