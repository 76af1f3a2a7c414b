namespace Backfill.OrderBook.Tests.Metrics;

/// <summary>Hand-built books: selection 1 = home, 2 = away, 3 = draw unless a test says otherwise.</summary>
internal static class TestBooks
{
    public static readonly RoleMap StandardRoles = new(1, 2, 3);

    /// <summary>A null side stands for a payload without that ladder array; an empty array for an empty side.</summary>
    public static RunnerBook Runner(long selectionId, Level[]? back = null, Level[]? lay = null, double? totalMatched = null) =>
        new() { SelectionId = selectionId, Back = back ?? [], Lay = lay ?? [], TotalMatched = totalMatched, HasBothLadders = back is not null && lay is not null };

    public static MarketBook Book(params RunnerBook[] runners) => new() { Runners = runners };

    /// <summary>Three roles, each quoted at one back and one lay level.</summary>
    public static MarketBook ThreeWay() => Book(
        Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
        Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
        Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));
}
