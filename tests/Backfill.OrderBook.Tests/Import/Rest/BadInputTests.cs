using System.Text;
using Backfill.OrderBook.Import.Rest;
using static Backfill.OrderBook.Tests.Import.Rest.RestReading;

namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>A bad record or line becomes an issue with its line; nothing crashes and good records are kept.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Bad_line_between_two_good_lines_loses_only_itself()
    {
        var truncated = Response(Book("1.2"))[..60];
        var text = string.Join("\n", Response(Book("1.1")), truncated, Response(Book("1.3")));

        var (books, issues) = Read(text);

        Assert.Equal(["1.1", "1.3"], books.Select(b => b.MarketId));
        var issue = Assert.Single(issues);
        Assert.Equal((FileName, 2L, ImportIssueKinds.InvalidJson), (issue.File, issue.Line, issue.Kind));
        Assert.Contains("truncated", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_first_line_does_not_turn_a_newline_delimited_file_into_one_document()
    {
        var text = string.Join("\n", "{\"jsonrpc\":\"2.0\",\"result\":[", Response(Book("1.1")), Response(Book("1.2")));

        var (books, issues) = Read(text);

        Assert.Equal(["1.1", "1.2"], books.Select(b => b.MarketId));
        Assert.Equal([(1L, ImportIssueKinds.InvalidJson)], issues.Select(i => (i.Line, i.Kind)));
    }

    [Fact]
    public void NaN_breaks_its_line_only()
    {
        var nan = Book("1.2").Replace("\"totalMatched\":100.5", "\"totalMatched\":NaN", StringComparison.Ordinal);
        var text = string.Join("\n", Book("1.1"), nan, Book("1.3"));

        var (books, issues) = Read(text);

        Assert.Equal(["1.1", "1.3"], books.Select(b => b.MarketId));
        Assert.Equal([(2L, ImportIssueKinds.InvalidJson)], issues.Select(i => (i.Line, i.Kind)));
    }

    [Fact]
    public void NaN_as_a_string_is_a_rejected_market_book()
    {
        var nan = Book("1.2").Replace("\"totalMatched\":100.5", "\"totalMatched\":\"NaN\"", StringComparison.Ordinal);

        var (books, issues) = Read(Response(Book("1.1"), nan));

        Assert.Equal("1.1", Assert.Single(books).MarketId);
        var issue = Assert.Single(issues);
        Assert.Equal((1L, ImportIssueKinds.InvalidMarketBook, "market book rejected: totalMatched is not a number"), (issue.Line, issue.Kind, issue.Message));
    }

    [Fact]
    public void Truncated_pretty_document_keeps_the_market_books_before_the_cut()
    {
        var pretty = "{\n  \"jsonrpc\": \"2.0\",\n  \"result\": [\n    " + Book("1.1") + ",\n    " + Book("1.2") + ",\n    " + Book("1.3")[..80];

        var (books, issues) = Read(pretty);

        Assert.Equal(["1.1", "1.2"], books.Select(b => b.MarketId));
        var issue = Assert.Single(issues);
        Assert.Equal((6L, ImportIssueKinds.InvalidJson), (issue.Line, issue.Kind));
    }

    [Fact]
    public void Result_that_is_not_an_array_is_a_wrong_type()
    {
        var text = string.Join("\n", """{"jsonrpc":"2.0","result":{"marketId":"1.1"}}""", Response(Book("1.2")));

        var (books, issues) = Read(text);

        Assert.Equal("1.2", Assert.Single(books).MarketId);
        var issue = Assert.Single(issues);
        Assert.Equal((1L, ImportIssueKinds.WrongType, "result is an object, not an array"), (issue.Line, issue.Kind, issue.Message));
    }

    [Fact]
    public void Market_book_without_market_id_is_skipped_with_its_line()
    {
        var pretty = "[\n  " + Book("1.1") + ",\n  {\"status\":\"OPEN\",\"runners\":[]},\n  " + Book("1.3") + "\n]\n";

        var (books, issues) = Read(pretty);

        Assert.Equal(["1.1", "1.3"], books.Select(b => b.MarketId));
        var issue = Assert.Single(issues);
        Assert.Equal((3L, ImportIssueKinds.MissingMarketId), (issue.Line, issue.Kind));
    }

    [Theory]
    [InlineData("""{"marketId":"1.2","runners":{"selectionId":1}}""", "market book rejected: runners is not an array")]
    [InlineData("""{"marketId":"1.2","runners":[{"status":"ACTIVE"}]}""", "market book rejected: runners[0] has no selectionId")]
    [InlineData("""{"marketId":1.2,"runners":[]}""", "market book rejected: marketId is not a string")]
    [InlineData("""{"marketId":"1.2","inplay":"yes","runners":[]}""", "market book rejected: inplay is not a boolean")]
    [InlineData("""{"marketId":"1.2","runners":[{"selectionId":1,"ex":{"availableToBack":"2.0"}}]}""", "market book rejected: runners[0].ex.availableToBack is not an array")]
    public void Wrong_types_inside_a_market_book_reject_only_that_book(string bad, string message)
    {
        var (books, issues) = Read(Response(Book("1.1"), bad, Book("1.3")));

        Assert.Equal(["1.1", "1.3"], books.Select(b => b.MarketId));
        var issue = Assert.Single(issues);
        Assert.Equal((1L, ImportIssueKinds.InvalidMarketBook, message), (issue.Line, issue.Kind, issue.Message));
    }

    [Fact]
    public void Values_that_are_not_objects_are_wrong_types_with_their_position()
    {
        var (books, issues) = Read(string.Join("\n", $"[42,{Book("1.1")},\"x\"]", "[[null]]"));

        Assert.Equal("1.1", Assert.Single(books).MarketId);
        Assert.Equal(
        [
            (1L, "top-level value[0] is a number, not an object"),
            (1L, "top-level value[2] is a string, not an object"),
            (2L, "top-level value[0][0] is null, not an object"),
        ], issues.Select(i => (i.Line, i.Message)));
        Assert.All(issues, i => Assert.Equal(ImportIssueKinds.WrongType, i.Kind));
    }

    [Fact]
    public void Json_rpc_error_response_is_reported_with_its_error()
    {
        const string Error = """{"jsonrpc":"2.0","error":{"code":-32099,"message":"ANGX-0006","data":{"APINGException":{"errorCode":"TOO_MUCH_DATA"}}},"id":1}""";

        var (books, issues) = Read(string.Join("\n", Response(Book("1.1")), Error));

        Assert.Single(books);
        var issue = Assert.Single(issues);
        Assert.Equal((2L, ImportIssueKinds.RpcError), (issue.Line, issue.Kind));
        Assert.Contains("TOO_MUCH_DATA", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_without_result_is_reported()
    {
        var (books, issues) = Read("""{"jsonrpc":"2.0","id":1}""");

        Assert.Empty(books);
        Assert.Equal([(ImportIssueKinds.WrongType, "JSON-RPC response without result or error")], issues.Select(i => (i.Kind, i.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void Empty_file_is_one_issue(string text)
    {
        var (books, issues) = Read(text);

        Assert.Empty(books);
        Assert.Equal([ImportIssueKinds.Empty], issues.Select(i => i.Kind));
    }

    [Fact]
    public void Invalid_utf8_in_a_payload_is_reported_not_replaced()
    {
        var good = Encoding.UTF8.GetBytes(Book("1.1") + "\n");
        var bad = Encoding.UTF8.GetBytes("""{"marketId":"1.2","runners":[],"note":"X"}""" + "\n");
        bad[Array.IndexOf(bad, (byte)'X')] = 0xFF;

        var (books, issues) = Read([.. good, .. bad, .. good]);

        Assert.Equal(["1.1", "1.1"], books.Select(b => b.MarketId));
        Assert.Equal([2L], issues.Select(i => i.Line));
    }

    [Fact]
    public void Garbage_and_trailing_text_never_throw()
    {
        string[] corpus =
        [
            "nonsense", "{", "}", "[", "]]", "{\"result\":", "{\"jsonrpc\":\"2.0\",\"result\":[{\"marketId\":\"1.1\",\"runners\":[]}]} trailing",
            "\"just a string\"", "null", "true", "1e999", "{\"marketId\":\"1.1\",\"runners\":[]}{\"marketId\":\"1.2\",\"runners\":[]}",
        ];

        foreach (var text in corpus)
        {
            var (books, issues) = Read(text);
            Assert.True(books.Count > 0 || issues.Count > 0, $"no record and no issue for: {text}");
        }
    }
}
