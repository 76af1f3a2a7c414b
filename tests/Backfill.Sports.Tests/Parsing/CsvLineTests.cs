using Backfill.Sports.Parsing;

namespace Backfill.Sports.Tests.Parsing;

public sealed class CsvLineTests
{
    [Fact]
    public void Plain_fields_are_split_on_commas_and_empty_fields_kept()
    {
        Assert.Equal(["22022", "", "Nikola Jokić", ""], CsvLine.Parse("22022,,Nikola Jokić,"));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas()
    {
        Assert.Equal(["22023", "APR 10, 2024", "DAL @ MIA"], CsvLine.Parse("22023,\"APR 10, 2024\",DAL @ MIA"));
    }

    [Fact]
    public void Doubled_quotes_inside_a_quoted_field_are_one_quote()
    {
        Assert.Equal(["Shaquille \"Shaq\" O'Neal", "x"], CsvLine.Parse("\"Shaquille \"\"Shaq\"\" O'Neal\",x"));
    }

    [Fact]
    public void An_empty_quoted_field_is_empty()
    {
        Assert.Equal(["", "a", ""], CsvLine.Parse("\"\",a,\"\""));
    }

    [Fact]
    public void A_real_docs_table_line_with_a_quoted_date_parses()
    {
        var fields = CsvLine.Parse("22023,1629029,0022301161,\"APR 10, 2024\",DAL @ MIA,W,36");

        Assert.Equal(7, fields.Count);
        Assert.Equal("APR 10, 2024", fields[3]);
    }

    [Theory]
    [InlineData("a,\"unterminated", "unterminated quoted field starting at column 3")]
    [InlineData("a,\"quoted\"x,b", "text after the closing quote at column 11")]
    [InlineData("a,b\"c,d", "quote inside an unquoted field (field 2, column 4)")]
    public void Malformed_lines_are_refused_with_the_reason(string line, string reason)
    {
        Assert.Null(CsvLine.TryParse(line, out var error));
        Assert.Equal(reason, error);
        Assert.Throws<FormatException>(() => CsvLine.Parse(line));
    }
}
