using System.Text;

namespace Backfill.OrderBook.Tests.Parsing;

/// <summary>Runs both reader overloads and checks they agree, so every test covers the byte and string paths.</summary>
internal static class Payloads
{
    public static MarketBook Read(string json)
    {
        var fromBytes = MarketBookReader.TryRead(Encoding.UTF8.GetBytes(json), out var book, out var error);
        Assert.True(fromBytes, error);
        Assert.True(MarketBookReader.TryRead(json, out _, out var stringError), stringError);
        return book!;
    }

    public static string Fail(string json)
    {
        Assert.False(MarketBookReader.TryRead(Encoding.UTF8.GetBytes(json), out var book, out var error));
        Assert.Null(book);
        Assert.False(MarketBookReader.TryRead(json, out _, out var stringError));
        Assert.Equal(error, stringError);
        return error!;
    }

    public static RunnerBook OnlyRunner(string exJson) =>
        Assert.Single(Read($$"""{"runners":[{"selectionId":1,"ex":{{exJson}}}]}""").Runners);
}
