using Backfill.Sports.Parsing;

namespace Backfill.Sports.Tests.Parsing;

public sealed class MinutesParserEdgeCasesTests
{
    [Theory]
    [InlineData("34", 34.0)]
    [InlineData("34:12", 34.2)]
    [InlineData(" 6:48 ", 6.8)]
    [InlineData("0:00", 0.0)]
    [InlineData("PT00M00.00S", 0.0)]
    [InlineData("PT1H02M", 62.0)]
    [InlineData("PT45S", 0.75)]
    public void Formats_give_decimal_minutes(string text, double expected) =>
        Assert.Equal(expected, MinutesParser.Parse(text)!.Value, 1e-9);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("DNP - Coach's Decision")]
    [InlineData("dnp")]
    [InlineData("DND - Injury/Illness")]
    [InlineData("NWT - Personal")]
    public void Did_not_play_and_empty_give_null(string? text) => Assert.Null(MinutesParser.Parse(text));

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("34:75")]
    [InlineData("34:")]
    [InlineData(":30")]
    [InlineData("12:30:00")]
    [InlineData("PT")]
    [InlineData("PTM")]
    [InlineData("PT12S30M")]
    [InlineData("PT26M12.04")]
    [InlineData("34,5")]
    public void Unreadable_text_gives_null_and_never_throws(string text) => Assert.Null(MinutesParser.Parse(text));
}
