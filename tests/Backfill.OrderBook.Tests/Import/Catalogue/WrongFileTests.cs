using Backfill.OrderBook.Import.Catalogue;
using Backfill.OrderBook.Import.Rest;
using Backfill.OrderBook.Tests.Import.Rest;

namespace Backfill.OrderBook.Tests.Import.Catalogue;

/// <summary>A catalogue given to the MarketBook reader, or a listMarketBook file to the catalogue reader, is reported, not half-read.</summary>
public sealed class WrongFileTests
{
    [Fact]
    public void Catalogue_file_read_as_market_books_yields_nothing_and_ten_issues()
    {
        var import = MarketBookResponseReader.ReadFile(RealData.Betfair("catalogue/football-match-odds-10-markets-catalogue.json"));

        Assert.Empty(import.Books);
        Assert.Equal(10, import.Issues.Count);
        Assert.All(import.Issues, i => Assert.Equal(ImportIssueKinds.WrongType, i.Kind));
        Assert.Equal(4, import.Issues[0].Line);
    }

    [Fact]
    public void List_market_book_file_read_as_a_catalogue_yields_nothing_and_five_issues()
    {
        var import = MarketCatalogueReader.ReadFile(RealData.Betfair("list_market_book/betfair_parser-list_market_book.json"));

        Assert.Empty(import.Markets);
        Assert.Equal([4L, 414, 676, 1242, 1535], import.Issues.Select(i => i.Line));
        Assert.All(import.Issues, i => Assert.Equal(ImportIssueKinds.WrongType, i.Kind));
    }
}
