using System.IO.Compression;
using System.Text;
using Backfill.OrderBook.Import.Rest;
using static Backfill.OrderBook.Tests.Import.Rest.RestReading;

namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>Every accepted layout of a listMarketBook file yields the same records.</summary>
public sealed class ResponseLayoutTests
{
    [Fact]
    public void Json_rpc_response_yields_each_market_book_of_its_result()
    {
        var (books, issues) = Read(Response(Book("1.1", 3), Book("1.2", 2)));

        Assert.Empty(issues);
        Assert.Equal([("1.1", 3), ("1.2", 2)], books.Select(b => (b.MarketId, b.Runners)));
        Assert.Equal([Book("1.1", 3), Book("1.2", 2)], books.Select(b => b.PayloadJson));
    }

    [Fact]
    public void Bare_array_of_market_books_is_read()
    {
        var (books, issues) = Read($"[{Book("1.1")},{Book("1.2")}]");

        Assert.Empty(issues);
        Assert.Equal(["1.1", "1.2"], books.Select(b => b.MarketId));
    }

    [Fact]
    public void Single_market_book_object_is_read_with_its_fields()
    {
        var (books, issues) = Read(Book("1.7", 4));

        Assert.Empty(issues);
        var book = Assert.Single(books);
        Assert.Equal(("1.7", "OPEN", (bool?)false, (double?)100.5, 4, (DateTime?)null), (book.MarketId, book.Status, book.InPlay, book.TotalMatched, book.Runners, book.RecordedUtc));
    }

    [Fact]
    public void Batch_of_json_rpc_responses_in_an_array_is_read()
    {
        var (books, issues) = Read($"[{Response(Book("1.1"))},{Response(Book("1.2"), Book("1.3"))}]");

        Assert.Empty(issues);
        Assert.Equal(["1.1", "1.2", "1.3"], books.Select(b => b.MarketId));
    }

    [Fact]
    public void Newline_delimited_responses_are_read_line_by_line_with_line_numbers()
    {
        var text = string.Join("\n", Response(Book("1.1")), "", Response(Book("1.2"), Book("1.3")), Book("1.4")) + "\n";

        var (books, issues) = Read(text);

        Assert.Empty(issues);
        Assert.Equal([("1.1", 1L), ("1.2", 3L), ("1.3", 3L), ("1.4", 4L)], books.Select(b => (b.MarketId, b.Line)));
    }

    [Fact]
    public void Pretty_printed_document_with_crlf_keeps_its_exact_text_and_lines()
    {
        const string Pretty = "{\r\n  \"jsonrpc\": \"2.0\",\r\n  \"result\": [\r\n    {\r\n      \"marketId\": \"1.5\",\r\n      \"runners\": []\r\n    },\r\n    {\r\n      \"marketId\": \"1.6\"\r\n    }\r\n  ]\r\n}\r\n";

        var (books, issues) = Read(Pretty);

        Assert.Empty(issues);
        Assert.Equal([("1.5", 4L, 0), ("1.6", 8L, 0)], books.Select(b => (b.MarketId, b.Line, b.Runners)));
        Assert.Equal("{\r\n      \"marketId\": \"1.5\",\r\n      \"runners\": []\r\n    }", books[0].PayloadJson);
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_payload()
    {
        var (books, issues) = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Book("1.1"))]);

        Assert.Empty(issues);
        Assert.Equal(Book("1.1"), Assert.Single(books).PayloadJson);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_are_read_whole()
    {
        // 400 runners make a line of about 60 KB; three of them cross the 64 KB read buffer more than once.
        var big = Book("1.9", 400);
        var text = string.Join("\n", Response(big), Response(Book("1.10")), Response(big));

        var (books, issues) = Read(text);

        Assert.Empty(issues);
        Assert.Equal([("1.9", 400), ("1.10", 3), ("1.9", 400)], books.Select(b => (b.MarketId, b.Runners)));
        Assert.Equal(big, books[2].PayloadJson);
    }

    [Fact]
    public void Gzip_file_is_read_through_the_recording_file_opener()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rest-{Guid.NewGuid():N}.json.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes(Response(Book("1.1")) + "\n" + Response(Book("1.2")) + "\n"));
            }

            var import = MarketBookResponseReader.ReadFile(path);

            Assert.Empty(import.Issues);
            Assert.Equal(["1.1", "1.2"], import.Books.Select(b => b.MarketId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Books_convert_to_snapshot_rows_timed_by_the_caller_when_the_file_has_no_poll_time()
    {
        var book = Assert.Single(Read(Book("1.1")).Books);
        var at = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        var row = book.ToSnapshotRow(at, "rest:test.json");

        Assert.Equal(("1.1", at, Book("1.1"), (double?)100.5, (bool?)false, "OPEN", "rest:test.json"),
            (row.MarketId, row.SnapshotAtUtc, row.Payload, row.TotalMatched, row.InPlay, row.Status, row.Source));
    }
}
