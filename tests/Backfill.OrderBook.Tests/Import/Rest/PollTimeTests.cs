using Backfill.OrderBook.Import.Rest;
using static Backfill.OrderBook.Tests.Import.Rest.RestReading;

namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>Only an explicit <c>pt</c> (epoch ms) gives a record its poll time; Betfair's own fields never do.</summary>
public sealed class PollTimeTests
{
    private const long Ms20240501Noon = 1714564800000; // 2024-05-01T12:00:00Z

    [Fact]
    public void Pt_on_the_response_times_all_its_market_books()
    {
        var line = $$"""{"jsonrpc":"2.0","pt":{{Ms20240501Noon}},"result":[{{Book("1.1")}},{{Book("1.2")}}]}""";

        var (books, issues) = Read(line);

        Assert.Empty(issues);
        Assert.All(books, b => Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), b.RecordedUtc));
        Assert.All(books, b => Assert.Equal(DateTimeKind.Utc, b.RecordedUtc!.Value.Kind));
    }

    [Fact]
    public void Pt_after_the_result_counts_too()
    {
        var (books, _) = Read($$"""{"jsonrpc":"2.0","result":[{{Book("1.1")}}],"pt":{{Ms20240501Noon}}}""");

        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), Assert.Single(books).RecordedUtc);
    }

    [Fact]
    public void Pt_on_a_market_book_wins_over_the_response()
    {
        var own = $$"""{"pt":{{Ms20240501Noon + 1500}},"marketId":"1.1","runners":[]}""";

        var (books, _) = Read($$"""{"jsonrpc":"2.0","pt":{{Ms20240501Noon}},"result":[{{own}},{{Book("1.2")}}]}""");

        Assert.Equal([new DateTime(2024, 5, 1, 12, 0, 1, 500, DateTimeKind.Utc), new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc)],
            books.Select(b => b.RecordedUtc!.Value));
    }

    [Fact]
    public void Last_match_time_is_not_a_poll_time()
    {
        var (books, _) = Read("""{"marketId":"1.1","lastMatchTime":"2016-07-30T15:41:44.503Z","runners":[]}""");

        Assert.Null(Assert.Single(books).RecordedUtc);
    }

    [Theory]
    [InlineData("\"2024-05-01T12:00:00Z\"")]
    [InlineData("1714564800")] // seconds, not milliseconds: 1970
    [InlineData("1.5")]
    public void Bad_pt_is_an_issue_and_the_record_is_kept_without_a_time(string pt)
    {
        var (books, issues) = Read($$"""{"jsonrpc":"2.0","pt":{{pt}},"result":[{{Book("1.1")}}]}""");

        Assert.Null(Assert.Single(books).RecordedUtc);
        var issue = Assert.Single(issues);
        Assert.Equal((ImportIssueKinds.BadPollTime, 1L), (issue.Kind, issue.Line));
        Assert.Contains("epoch milliseconds", issue.Message, StringComparison.Ordinal);
    }
}
