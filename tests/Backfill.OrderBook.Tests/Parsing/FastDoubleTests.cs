using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook.Tests.Parsing;

public sealed class FastDoubleTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1.53")]
    [InlineData("1000")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("2.675")]
    [InlineData("-12.25")]
    [InlineData("123456.78")]
    [InlineData("999999999999999")]
    [InlineData("0.0000000000000000000001")]
    public void Plain_decimals_give_the_general_parsers_double(string text)
    {
        Assert.True(FastDouble.TryParsePlain(Encoding.ASCII.GetBytes(text), out var fast));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("2.5E-3")]
    [InlineData("1234567890123456")] // 16 digits: past the exact mantissa
    [InlineData("0.00000000000000000000001")] // 23 fraction digits
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    public void Everything_else_is_left_to_the_general_parser(string text) =>
        Assert.False(FastDouble.TryParsePlain(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Random_ladder_numbers_match_the_general_parser_bit_for_bit()
    {
        var random = new Random(11);
        for (var n = 0; n < 200_000; n++)
        {
            var whole = random.NextInt64(0, n % 3 == 0 ? 1_000 : 10_000_000);
            var places = random.Next(0, 8);
            var frac = places == 0 ? "" : "." + random.NextInt64(0, (long)Math.Pow(10, places)).ToString(CultureInfo.InvariantCulture).PadLeft(places, '0');
            var text = (random.Next(10) == 0 ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + frac;
            var expected = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(FastDouble.TryParsePlain(Encoding.ASCII.GetBytes(text), out var fast), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{text}: {fast:R} != {expected:R}");
        }
    }

    [Theory]
    [InlineData("[1.5e2, 3, -0.25, 12345678901234567890, 7.1]")]
    public void A_reader_gets_every_number_either_way(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var got = new List<double>();
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.Number && FastDouble.TryGet(ref reader, out var v)) got.Add(v);
        Assert.Equal([150, 3, -0.25, 12345678901234567890d, 7.1], got);
    }
}
