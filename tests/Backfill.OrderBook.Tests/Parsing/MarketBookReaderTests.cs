using System.Text;
using static Backfill.OrderBook.Tests.Parsing.Payloads;

namespace Backfill.OrderBook.Tests.Parsing;

public sealed class MarketBookReaderTests
{
    private const string FullPayload = """
        {"marketId":"1.234567890","isMarketDataDelayed":false,"status":"OPEN","betDelay":5,
         "inplay":true,"totalMatched":98765.43,"version":4567,
         "runners":[
          {"selectionId":47972,"handicap":0.0,"status":"ACTIVE","lastPriceTraded":2.98,"totalMatched":5000.5,
           "ex":{"availableToBack":[{"price":2.96,"size":321.0},{"price":2.94,"size":10.5}],
                 "availableToLay":[{"price":2.98,"size":50.25}],
                 "tradedVolume":[{"price":2.96,"size":1000}]}},
          {"selectionId":58805,"handicap":0.0,"status":"REMOVED"}
         ]}
        """;

    [Fact]
    public void Reads_market_and_runner_fields()
    {
        var book = Read(FullPayload);

        Assert.Equal("1.234567890", book.MarketId);
        Assert.Equal("OPEN", book.Status);
        Assert.True(book.Inplay);
        Assert.Equal(98765.43, book.TotalMatched);
        Assert.Equal(2, book.Runners.Count);

        var first = book.Runners[0];
        Assert.Equal(47972, first.SelectionId);
        Assert.Equal("ACTIVE", first.Status);
        Assert.Equal(2.98, first.LastPriceTraded);
        Assert.Equal(5000.5, first.TotalMatched);
        Assert.Equal([new Level(2.96, 321.0), new Level(2.94, 10.5)], first.Back);
        Assert.Equal([new Level(2.98, 50.25)], first.Lay);

        var second = book.Runners[1];
        Assert.Equal(58805, second.SelectionId);
        Assert.Equal("REMOVED", second.Status);
        Assert.Null(second.TotalMatched);
        Assert.Null(second.LastPriceTraded);
        Assert.Empty(second.Back);
        Assert.Empty(second.Lay);
    }

    [Fact]
    public void Absent_and_null_fields_read_as_null()
    {
        var book = Read("""{"marketId":null,"status":null,"inplay":null,"totalMatched":null,"runners":null}""");

        Assert.Null(book.MarketId);
        Assert.Null(book.Status);
        Assert.Null(book.Inplay);
        Assert.Null(book.TotalMatched);
        Assert.Empty(book.Runners);
        Assert.Empty(Read("{}").Runners);
    }

    [Fact]
    public void Unknown_properties_are_skipped_at_every_level()
    {
        var book = Read("""
            {"extra":{"runners":"not these","deep":[[{"a":[1,{"b":null}]}]]},"keyLineDescription":null,
             "runners":[{"selectionId":7,"extra":[{"ex":1}],
               "ex":{"extra":{"availableToBack":"no"},
                     "availableToBack":[{"price":3.0,"size":4.0,"extra":{"price":"x"}}]}}],
             "trailing":[true,false,null,1e5,"s"]}
            """);

        var runner = Assert.Single(book.Runners);
        Assert.Equal(7, runner.SelectionId);
        Assert.Equal([new Level(3.0, 4.0)], runner.Back);
    }

    [Fact]
    public void Unknown_statuses_are_kept_verbatim()
    {
        var book = Read("""{"status":"SOMETHING_NEW","runners":[{"selectionId":1,"status":"WINNER"}]}""");

        Assert.Equal("SOMETHING_NEW", book.Status);
        Assert.Equal("WINNER", book.Runners[0].Status);
    }

    [Fact]
    public void Escaped_names_and_values_are_decoded()
    {
        var book = Read("""{"market\u0049d":"1.2\u00e9","st\u0061tus":"OP\u0045N"}""");

        Assert.Equal("1.2é", book.MarketId);
        Assert.Equal("OPEN", book.Status);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_ignored()
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"marketId":"1.5"}""")];

        Assert.True(MarketBookReader.TryRead(payload, out var book, out var error), error);
        Assert.Equal("1.5", book.MarketId);
    }

    [Fact]
    public void Runner_after_a_failed_payload_starts_from_a_clean_slate()
    {
        Fail("""{"runners":[{"selectionId":1},{"selectionId":2},{"selectionId":"3"}]}""");

        var book = Read("""{"runners":[{"selectionId":9}]}""");

        Assert.Equal(9, Assert.Single(book.Runners).SelectionId);
    }
}
