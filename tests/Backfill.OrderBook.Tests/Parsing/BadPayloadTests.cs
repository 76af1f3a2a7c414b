using System.Text;
using static Backfill.OrderBook.Tests.Parsing.Payloads;

namespace Backfill.OrderBook.Tests.Parsing;

public sealed class BadPayloadTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \r\n\t ")]
    public void Blank_payload_is_empty(string json) => Assert.Equal("empty payload", Fail(json));

    [Fact]
    public void Null_string_and_bare_byte_order_mark_are_empty()
    {
        Assert.False(MarketBookReader.TryRead((string?)null, out _, out var nullError));
        Assert.Equal("empty payload", nullError);

        Assert.False(MarketBookReader.TryRead([0xEF, 0xBB, 0xBF], out _, out var bomError));
        Assert.Equal("empty payload", bomError);

        Assert.False(MarketBookReader.TryRead(ReadOnlySpan<byte>.Empty, out _, out var spanError));
        Assert.Equal("empty payload", spanError);
    }

    [Theory]
    [InlineData("""{"marketId":"1.2""", 4)]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[[2.0,""", 4)]
    [InlineData("""{"runners":[""", 4)]
    [InlineData("""{""", 4)]
    public void Truncated_payload_is_invalid_json(string json, int minimumBytePosition)
    {
        var error = Fail(json);

        Assert.StartsWith("invalid JSON at byte ", error, StringComparison.Ordinal);
        var position = int.Parse(error["invalid JSON at byte ".Length..error.IndexOf(':', StringComparison.Ordinal)]);
        Assert.InRange(position, Math.Min(minimumBytePosition, json.Length), json.Length);
    }

    [Fact]
    public void Invalid_json_reports_position_and_reason()
    {
        Assert.Equal(
            "invalid JSON at byte 12: '}' is invalid after a property name. Expected a ':'.",
            Fail("""{"marketId" }"""));
    }

    [Fact]
    public void Invalid_json_on_a_later_line_reports_the_line()
    {
        var error = Fail("{\n\"marketId\":\n tru}");

        Assert.StartsWith("invalid JSON at line 3, byte ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"marketId":"1.2"} x""")]
    [InlineData("""{"marketId":"1.2"}{}""")]
    [InlineData("""{'marketId':'1.2'}""")]
    [InlineData("""{"runners":[{"selectionId":1,}]}""")]
    public void Malformed_json_is_invalid_json(string json) =>
        Assert.StartsWith("invalid JSON at byte ", Fail(json), StringComparison.Ordinal);

    [Theory]
    [InlineData("[]", "payload is not a JSON object")]
    [InlineData("null", "payload is not a JSON object")]
    [InlineData("\"1.2\"", "payload is not a JSON object")]
    [InlineData("""{"runners":{}}""", "runners is not an array")]
    [InlineData("""{"runners":"[]"}""", "runners is not an array")]
    [InlineData("""{"marketId":1.2}""", "marketId is not a string")]
    [InlineData("""{"status":1}""", "status is not a string")]
    [InlineData("""{"inplay":"true"}""", "inplay is not a boolean")]
    [InlineData("""{"totalMatched":"5"}""", "totalMatched is not a number")]
    [InlineData("""{"runners":[1]}""", "runners[0] is not an object")]
    [InlineData("""{"runners":[{}]}""", "runners[0] has no selectionId")]
    [InlineData("""{"runners":[{"selectionId":"47972"}]}""", "runners[0].selectionId is not a number")]
    [InlineData("""{"runners":[{"selectionId":1.5}]}""", "runners[0].selectionId is not an integer")]
    [InlineData("""{"runners":[{"selectionId":1},{"selectionId":2,"status":false}]}""", "runners[1].status is not a string")]
    [InlineData("""{"runners":[{"selectionId":1,"totalMatched":[]}]}""", "runners[0].totalMatched is not a number")]
    [InlineData("""{"runners":[{"selectionId":1,"lastPriceTraded":"2.0"}]}""", "runners[0].lastPriceTraded is not a number")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":[]}]}""", "runners[0].ex is not an object")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":{}}}]}""", "runners[0].ex.availableToBack is not an array")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":"2.0","size":5}]}}]}""", "runners[0].ex.availableToBack[0].price is not a number")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToLay":[[2,3],{"price":2.1,"size":true}]}}]}""", "runners[0].ex.availableToLay[1].size is not a number")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[["2.0",5]]}}]}""", "runners[0].ex.availableToBack[0] is not a [price, size] pair of numbers")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[[2.0]]}}]}""", "runners[0].ex.availableToBack[0] is not a [price, size] pair of numbers")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[[2.0,5,1]]}}]}""", "runners[0].ex.availableToBack[0] is not a [price, size] pair of numbers")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[2.0]}}]}""", "runners[0].ex.availableToBack[0] is not a level object or [price, size] pair")]
    public void Wrong_types_are_reported(string json, string expectedError) =>
        Assert.Equal(expectedError, Fail(json));

    [Fact]
    public void Invalid_utf8_is_invalid_json()
    {
        byte[] payload = [.. Encoding.UTF8.GetBytes("{\"marketId\":\""), 0xFF, .. Encoding.UTF8.GetBytes("\"}")];

        Assert.False(MarketBookReader.TryRead(payload, out _, out var error));
        Assert.StartsWith("invalid JSON at byte ", error, StringComparison.Ordinal);
    }
}
