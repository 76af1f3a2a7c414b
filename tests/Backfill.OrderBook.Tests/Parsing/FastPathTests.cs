using System.Globalization;
using System.Text;
using System.Text.Json;
using Backfill.OrderBook.Tests.Demo;
using Backfill.OrderBook.Tests.Import.Rest;
using Backfill.OrderBook.Tests.Import.Stream;

namespace Backfill.OrderBook.Tests.Parsing;

/// <summary>
/// The hand-written pass against the full reader: on every payload it takes, it must give the book the reader
/// gives, and it must never take a payload the reader rejects. Generated, real, hand-picked and mutated payloads.
/// </summary>
public sealed class FastPathTests
{
    [Fact]
    public void Every_generated_payload_takes_the_fast_path_and_reads_as_the_reader_reads_it()
    {
        var valid = 0;
        foreach (var utf8 in GeneratedPayloads().Take(5_000))
        {
            // The demo damages some payloads on purpose (cut off): the reader rejects those, and so must the fast path.
            if (!MarketBookReader.TryReadWithReader(utf8, out var full, out _))
            {
                Assert.False(MarketBookFastPath.TryRead(utf8, out _));
                continue;
            }
            Assert.True(MarketBookFastPath.TryRead(utf8, out var fast), Encoding.UTF8.GetString(utf8));
            Assert.Equal(Describe(full), Describe(fast));
            valid++;
        }
        Assert.True(valid > 4_000, $"{valid} valid generated payloads");
    }

    [Fact]
    public void Real_list_market_book_responses_read_as_the_reader_reads_them()
    {
        var books = RealMarketBooks();
        Assert.True(books.Count >= 7, $"{books.Count} market books in the real files");
        foreach (var utf8 in books)
        {
            Assert.True(MarketBookFastPath.TryRead(utf8, out var fast), Encoding.UTF8.GetString(utf8));
            Assert.True(MarketBookReader.TryReadWithReader(utf8, out var full, out var error), error);
            Assert.Equal(Describe(full), Describe(fast));
        }
    }

    [Fact]
    public void Payloads_built_from_a_real_stream_image_read_as_the_reader_reads_them()
    {
        var snapshots = Replay.OfFirstLine("stream/football-match-odds-1.242971311.bz2").Snapshots;
        Assert.NotEmpty(snapshots);
        foreach (var snapshot in snapshots)
        {
            var utf8 = Encoding.UTF8.GetBytes(snapshot.PayloadJson);
            AssertSameAsReader(utf8);
        }
    }

    [Theory]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"pr\u0069ce":2.0,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2e0,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2.0,"size":5E-1}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":02.0,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2.,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":-0,"size":-0.0}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":1234567890123456.5,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":1.00000000000000000000001,"size":5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2.0,"size":5,"price":3.5}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":null,"size":5},{"size":2,"price":4}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[[2.0,5],[3,1.5]],"availableToLay":[]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[[2.0,5,],[3,1.5]]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2.0,"size":5},]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":null,"availableToLay":[]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[],"availableToBack":null,"availableToLay":[]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":null}]}""")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":2.0,"size":5,"extra":{"a":[1,{"b":null}]}}]}}]}""")]
    [InlineData("""{"runners":[{"selectionId":null},{"selectionId":2}]}""")]
    [InlineData("""{"runners":[{"selectionId":null,"selectionId":2}]}""")]
    [InlineData("""{"runners":[{"selectionId":9223372036854775807}]}""")]
    [InlineData("""{"runners":[{"selectionId":9223372036854775808}]}""")]
    [InlineData("""{"runners":[{"selectionId":-5}]}""")]
    [InlineData("""{"runners":[{"selectionId":1.0}]}""")]
    [InlineData("""{"runners":[{"selectionId":1e3}]}""")]
    [InlineData("""{"runners":null,"marketId":null,"status":null,"inplay":null,"totalMatched":null}""")]
    [InlineData("""{"runners":[],"runners":[{"selectionId":3}]}""")]
    [InlineData("""{"marketId":"1.2","status":"OPEN","inplay":false,"totalMatched":12.5,"runners":[{"selectionId":1,"status":"REMOVED_VACANT"}]}""")]
    [InlineData("""{"status":"SOMETHING_NEW","runners":[{"selectionId":1,"status":"ALSO_NEW"}]}""")]
    [InlineData("""{"marketId":"caf\u00e9","runners":[]}""")]
    [InlineData("""{"marketId":"a\"b","runners":[]}""")]
    [InlineData("""{"name":"café","runners":[]}""")]
    [InlineData("""{"inplay":tru,"runners":[]}""")]
    [InlineData("""{"inplay":truex,"runners":[]}""")]
    [InlineData("""{"inplay":nul}""")]
    [InlineData("""{"x":-,"runners":[]}""")]
    [InlineData("""{"x":1.5e,"runners":[]}""")]
    [InlineData("""{"x":[1 2],"runners":[]}""")]
    [InlineData("""{"x":{"a" 1},"runners":[]}""")]
    [InlineData("""{"x":{"a":1,},"runners":[]}""")]
    [InlineData("""{"x":[,],"runners":[]}""")]
    [InlineData("""{"x":[],"runners":[]}   """)]
    [InlineData("""{"x":[],"runners":[]} x""")]
    [InlineData("""{"x":[],"runners":[]}{}""")]
    [InlineData("""{"x":[],"runners":[]""")]
    [InlineData("""{}""")]
    [InlineData(""" { "runners" : [ { "selectionId" : 7 , "ex" : { "availableToBack" : [ { "price" : 3.5 , "size" : 2 } ] , "availableToLay" : [ [ 3.6 , 1 ] ] } } ] } """)]
    [InlineData("{\n\t\"runners\":\r\n[{\"selectionId\":7}]}")]
    [InlineData("""{"runners":[{"selectionId":1,"ex":{"availableToBack":[{"price":1.0,"size":0},{"price":2.5,"size":0},{"price":3,"size":1},{"price":2,"size":4}]}}]}""")]
    public void Hand_picked_payloads_read_as_the_reader_reads_them(string json) => AssertSameAsReader(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_left_to_the_reader()
    {
        var deep = """{"x":""" + new string('[', 70) + new string(']', 70) + ""","runners":[]}""";
        var shallow = """{"x":""" + new string('[', 40) + new string(']', 40) + ""","runners":[]}""";

        Assert.False(MarketBookFastPath.TryRead(Encoding.UTF8.GetBytes(deep), out _));
        Assert.True(MarketBookFastPath.TryRead(Encoding.UTF8.GetBytes(shallow), out _));
        AssertSameAsReader(Encoding.UTF8.GetBytes(deep));
    }

    [Fact]
    public void Control_delete_and_non_ascii_bytes_in_strings_are_left_to_the_reader()
    {
        foreach (var b in new byte[] { 0x01, 0x1F, 0x7F, 0xC3, 0xFF })
        {
            byte[] payload = [.. """{"marketId":"a"""u8, b, .. """b","runners":[]}"""u8];
            Assert.False(MarketBookFastPath.TryRead(payload, out _));
            AssertSameAsReader(payload);
        }
    }

    /// <summary>
    /// Every one-byte deletion, every replacement by a byte that matters to JSON, and every truncation of
    /// real and generated payloads: whatever the fast path takes, the reader takes and reads the same.
    /// </summary>
    [Fact]
    public void Mutated_payloads_are_either_left_to_the_reader_or_read_as_it_reads_them()
    {
        byte[] replacements = [.. "\"\\,:{}[]0159-.eE tnx"u8, 0x00, 0x7F, 0xC3];
        var sources = new List<byte[]>
        {
            GeneratedPayloads().First(utf8 => MarketBookReader.TryReadWithReader(utf8, out _, out _)),
            RealMarketBooks().MinBy(book => book.Length)!,
        };
        var (taken, left) = (0, 0);
        foreach (var source in sources)
        {
            for (var i = 0; i < source.Length; i++)
            {
                Count(AssertSameAsReader([.. source.AsSpan(0, i), .. source.AsSpan(i + 1)]));
                Count(AssertSameAsReader(source.AsSpan(0, i).ToArray()));
                foreach (var b in replacements)
                {
                    var changed = source.ToArray();
                    changed[i] = b;
                    Count(AssertSameAsReader(changed));
                }
            }
        }

        // Both outcomes must occur, or the comparison above proves nothing about one of them.
        Assert.True(taken > 1_000, $"{taken} mutated payloads taken by the fast path");
        Assert.True(left > 1_000, $"{left} mutated payloads left to the reader");

        void Count(bool fastPathTookIt)
        {
            if (fastPathTookIt) taken++;
            else left++;
        }
    }

    /// <summary>The public reader (fast path first) against the full reader alone; true when the fast path took it.</summary>
    private static bool AssertSameAsReader(byte[] utf8)
    {
        var taken = MarketBookFastPath.TryRead(utf8, out var fast);
        var ok = MarketBookReader.TryReadWithReader(utf8, out var full, out var fullError);
        if (taken)
        {
            Assert.True(ok, $"the fast path took a payload the reader rejects ({fullError}): {Encoding.UTF8.GetString(utf8)}");
            Assert.Equal(Describe(full), Describe(fast));
        }

        var viaPublic = MarketBookReader.TryRead(utf8, out var book, out var error);
        Assert.Equal(ok, viaPublic);
        Assert.Equal(fullError, error);
        Assert.Equal(Describe(full), Describe(book));
        return taken;
    }

    private static IEnumerable<byte[]> GeneratedPayloads() =>
        DemoData.Default.Snapshots.Select(s => s.RawPayload).OfType<string>().Select(Encoding.UTF8.GetBytes);

    private static List<byte[]> RealMarketBooks()
    {
        string[] files =
        [
            "list_market_book/betfairlightweight-list_market_book.json",
            "list_market_book/betfair_parser-list_market_book.json",
            "list_market_book/betfair_parser-list_market_book_no_rollup.json",
        ];
        var books = new List<byte[]>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(RealData.Betfair(file)));
            foreach (var book in document.RootElement.GetProperty("result").EnumerateArray())
                books.Add(Encoding.UTF8.GetBytes(book.GetRawText()));
        }
        return books;
    }

    /// <summary>Every field the parsers fill, doubles round-trippable (and -0 apart from 0).</summary>
    private static string Describe(MarketBook? book)
    {
        if (book is null) return "(none)";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{book.MarketId}|{book.Status}|{book.Inplay}|{Number(book.TotalMatched)}\n");
        foreach (var runner in book.Runners)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {runner.SelectionId}|{runner.Status}|{Number(runner.TotalMatched)}|{Number(runner.LastPriceTraded)}|{runner.HasBothLadders}\n");
            text.Append("    back ").AppendJoin(' ', runner.Back.Select(l => $"{Number(l.Price)}@{Number(l.Size)}")).Append('\n');
            text.Append("    lay ").AppendJoin(' ', runner.Lay.Select(l => $"{Number(l.Price)}@{Number(l.Size)}")).Append('\n');
        }
        return text.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
