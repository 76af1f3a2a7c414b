using Backfill.OrderBook.Ladder;

namespace Backfill.OrderBook.Tests.Ladder;

public sealed class PriceLadderTests
{
    [Fact]
    public void Ladder_has_350_ascending_prices_from_1_01_to_1000()
    {
        Assert.Equal(350, PriceLadder.Prices.Count);
        Assert.Equal(1.01, PriceLadder.Prices[0]);
        Assert.Equal(1000.0, PriceLadder.Prices[^1]);
        for (int i = 1; i < PriceLadder.Prices.Count; i++)
        {
            Assert.True(PriceLadder.Prices[i] > PriceLadder.Prices[i - 1]);
        }
    }

    [Theory]
    [InlineData(1.99, 2.0)]
    [InlineData(2.0, 2.02)]
    [InlineData(3.0, 3.05)]
    [InlineData(4.0, 4.1)]
    [InlineData(6.0, 6.2)]
    [InlineData(10.0, 10.5)]
    [InlineData(20.0, 21.0)]
    [InlineData(30.0, 32.0)]
    [InlineData(50.0, 55.0)]
    [InlineData(100.0, 110.0)]
    [InlineData(990.0, 1000.0)]
    public void Next_tick_across_band_edges(double price, double next)
    {
        Assert.Equal(next, PriceLadder.Offset(price, 1));
        Assert.Equal(price, PriceLadder.Offset(next, -1));
        Assert.Equal(1, PriceLadder.TicksBetween(price, next));
    }

    [Theory]
    [InlineData(1.01, 0)]
    [InlineData(2.0, 99)]
    [InlineData(3.0, 149)]
    [InlineData(4.0, 169)]
    [InlineData(6.0, 189)]
    [InlineData(10.0, 209)]
    [InlineData(20.0, 229)]
    [InlineData(30.0, 239)]
    [InlineData(50.0, 249)]
    [InlineData(100.0, 259)]
    [InlineData(1000.0, 349)]
    public void Tick_index_of_band_tops(double price, int index) =>
        Assert.Equal(index, PriceLadder.TickIndex(price));

    [Theory]
    [InlineData(1.01, 1000.0, 349)]
    [InlineData(1000.0, 1.01, -349)]
    [InlineData(1.5, 1.5, 0)]
    [InlineData(1.98, 2.04, 4)] // 1.99, 2.0, 2.02, 2.04
    [InlineData(2.9, 3.1, 7)] // 2.92 .. 3.0 is 5 ticks, then 3.05, 3.1
    [InlineData(3.1, 2.9, -7)]
    [InlineData(9.8, 11.0, 3)] // 10, 10.5, 11
    [InlineData(48.0, 60.0, 3)] // 50, 55, 60
    public void Ticks_between_is_signed_and_crosses_bands(double from, double to, int ticks) =>
        Assert.Equal(ticks, PriceLadder.TicksBetween(from, to));

    [Theory]
    [InlineData(2.01)]
    [InlineData(3.33)]
    [InlineData(4.05)]
    [InlineData(1.0)]
    [InlineData(1001.0)]
    [InlineData(25.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Off_ladder_prices_are_invalid(double price)
    {
        Assert.False(PriceLadder.IsValid(price));
        Assert.Null(PriceLadder.TickIndex(price));
        Assert.Null(PriceLadder.TicksBetween(price, 2.0));
        Assert.Null(PriceLadder.TicksBetween(2.0, price));
    }

    [Fact]
    public void Validity_tolerates_binary_floating_error()
    {
        Assert.True(PriceLadder.IsValid(0.1 + 0.2 + 2.7)); // 3.0000000000000004
        Assert.True(PriceLadder.IsValid(1.1 * 3)); // 3.3000000000000003
        Assert.True(PriceLadder.IsValid(2.0 + 1e-10));
        Assert.False(PriceLadder.IsValid(2.0 + 1e-6));
        Assert.Equal(PriceLadder.TickIndex(3.0), PriceLadder.TickIndex(0.1 + 0.2 + 2.7));
    }

    [Theory]
    [InlineData(2.011, 2.02)]
    [InlineData(2.009, 2.0)]
    [InlineData(2.01, 2.0)] // exact midpoint goes down
    [InlineData(3.33, 3.35)]
    [InlineData(3.32, 3.3)]
    [InlineData(7.7, 7.6)] // midpoint of 7.6 and 7.8
    [InlineData(1.0, 1.01)]
    [InlineData(-5.0, 1.01)]
    [InlineData(5000.0, 1000.0)]
    [InlineData(double.PositiveInfinity, 1000.0)]
    [InlineData(996.0, 1000.0)]
    [InlineData(4.5, 4.5)]
    public void Snap_goes_to_nearest_price_and_clamps(double price, double snapped) =>
        Assert.Equal(snapped, PriceLadder.Snap(price));

    [Theory]
    [InlineData(1.01, -1, 1.01)]
    [InlineData(1.05, -10, 1.01)]
    [InlineData(1000.0, 1, 1000.0)]
    [InlineData(990.0, 5, 1000.0)]
    [InlineData(1.01, 349, 1000.0)]
    [InlineData(1.01, int.MaxValue, 1000.0)]
    [InlineData(1000.0, int.MinValue, 1.01)]
    [InlineData(2.0, 0, 2.0)]
    [InlineData(2.0, 3, 2.06)]
    [InlineData(3.0, -3, 2.94)]
    [InlineData(2.01, 1, 2.02)] // snapped to 2.0 first
    public void Offset_moves_by_ticks_and_clamps(double price, int ticks, double expected) =>
        Assert.Equal(expected, PriceLadder.Offset(price, ticks));

    [Theory]
    [InlineData(2.019, 2.0)]
    [InlineData(2.02, 2.02)]
    [InlineData(3.049, 3.0)]
    [InlineData(0.5, 1.01)]
    [InlineData(2000.0, 1000.0)]
    public void Floor_is_the_highest_price_not_above(double price, double expected) =>
        Assert.Equal(expected, PriceLadder.Floor(price));

    [Fact]
    public void Snap_rejects_nan() =>
        Assert.Throws<ArgumentException>(() => PriceLadder.Snap(double.NaN));
}
