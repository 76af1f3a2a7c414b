namespace Backfill.OrderBook.Tests.Metrics;

public sealed class SpreadTicksTests
{
    private const string Book = """
        {"marketId":"1.1","runners":[
          {"selectionId":1,"ex":{"availableToBack":[{"price":2.98,"size":10}],"availableToLay":[{"price":3.05,"size":10}]}},
          {"selectionId":2,"ex":{"availableToBack":[{"price":4.1,"size":10}],"availableToLay":[{"price":4.2,"size":10}]}},
          {"selectionId":58805,"ex":{"availableToBack":[{"price":3.33,"size":10}],"availableToLay":[]}}]}
        """;

    [Fact]
    public void Ticks_are_counted_across_ladder_bands_and_null_with_a_reason_otherwise()
    {
        Assert.True(MarketBookReader.TryRead(Book, out var book, out _));
        var values = new double?[OrderBookMetrics.Names.Count];
        var reasons = new string?[OrderBookMetrics.Names.Count];
        OrderBookMetrics.Compute(book!, new RoleMap(1, 2, 58805), values, reasons);
        Assert.Equal(2, values[OrderBookMetrics.IndexOf("home_spread_ticks")]);   // 2.98 -> 3.00 -> 3.05
        Assert.Equal(1, values[OrderBookMetrics.IndexOf("away_spread_ticks")]);   // 4.1 -> 4.2
        Assert.Null(values[OrderBookMetrics.IndexOf("draw_spread_ticks")]);
        Assert.Equal("empty_side", reasons[OrderBookMetrics.IndexOf("draw_spread_ticks")]);
    }

    [Fact]
    public void An_off_ladder_best_price_gives_null_with_reason_off_ladder()
    {
        Assert.True(MarketBookReader.TryRead(Book.Replace("2.98", "2.99"), out var book, out _));
        var values = new double?[OrderBookMetrics.Names.Count];
        var reasons = new string?[OrderBookMetrics.Names.Count];
        OrderBookMetrics.Compute(book!, new RoleMap(1, 2, 58805), values, reasons);
        Assert.Null(values[OrderBookMetrics.IndexOf("home_spread_ticks")]);
        Assert.Equal("off_ladder", reasons[OrderBookMetrics.IndexOf("home_spread_ticks")]);
    }
}
