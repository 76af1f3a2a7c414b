using System.Text.Json;

namespace Backfill.OrderBook.Tests.Demo;

/// <summary>A parsed demo payload, read with System.Text.Json only (independent of the production parser).</summary>
internal sealed record BookView(
    string MarketId,
    string Status,
    bool Inplay,
    double TotalMatched,
    IReadOnlyList<RunnerView> Runners)
{
    public static BookView Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var runners = root.GetProperty("runners").EnumerateArray().Select(runner =>
        {
            var ex = runner.GetProperty("ex");
            return new RunnerView(
                runner.GetProperty("selectionId").GetInt64(),
                runner.GetProperty("status").GetString()!,
                runner.GetProperty("lastPriceTraded").GetDouble(),
                runner.GetProperty("totalMatched").GetDecimal(),
                Levels(ex.GetProperty("availableToBack")),
                Levels(ex.GetProperty("availableToLay")));
        }).ToArray();
        return new BookView(
            root.GetProperty("marketId").GetString()!,
            root.GetProperty("status").GetString()!,
            root.GetProperty("inplay").GetBoolean(),
            root.GetProperty("totalMatched").GetDouble(),
            runners);
    }

    private static (double Price, decimal Size)[] Levels(JsonElement levels) =>
        [.. levels.EnumerateArray().Select(l => (l.GetProperty("price").GetDouble(), l.GetProperty("size").GetDecimal()))];
}

internal sealed record RunnerView(
    long SelectionId,
    string Status,
    double LastPriceTraded,
    decimal TotalMatched,
    IReadOnlyList<(double Price, decimal Size)> Back,
    IReadOnlyList<(double Price, decimal Size)> Lay);
