using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

public sealed class ClassifyTests
{
    [Fact]
    public void No_book_is_tier_C_with_or_without_metadata()
    {
        Assert.Equal(EligibilityTier.C, OrderBookMetrics.Classify(null, StandardRoles));
        Assert.Equal(EligibilityTier.C, OrderBookMetrics.Classify(null, null));
    }

    [Fact]
    public void Metadata_and_three_two_sided_roles_is_tier_A() =>
        Assert.Equal(EligibilityTier.A, OrderBookMetrics.Classify(ThreeWay(), StandardRoles));

    [Fact]
    public void No_metadata_is_tier_B() =>
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(ThreeWay(), null));

    [Theory]
    [InlineData(null, 2L, 3L)]
    [InlineData(1L, 99L, 3L)]
    [InlineData(1L, 2L, null)]
    public void Unmapped_or_missing_role_is_tier_B(long? home, long? away, long? draw) =>
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(ThreeWay(), new RoleMap(home, away, draw)));

    [Fact]
    public void Role_whose_payload_lacks_the_back_array_is_tier_B()
    {
        var book = Book(
            Runner(1, back: null, lay: [new(2.02, 50)]),
            Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));

        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(book, StandardRoles));
    }

    [Fact]
    public void Role_with_an_empty_side_is_still_tier_A_because_the_empty_side_is_a_fact()
    {
        // The draw's only lay level is unusable (price 1.0): its lay side is empty, and NULL lay columns are exact.
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
            Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(1.0, 30)]));

        Assert.Equal(EligibilityTier.A, OrderBookMetrics.Classify(book, StandardRoles));
    }

    [Fact]
    public void Parsed_runner_without_an_ex_object_is_tier_B_and_with_empty_arrays_tier_A()
    {
        const string Ladders = "\"ex\":{\"availableToBack\":[{\"price\":2.0,\"size\":5}],\"availableToLay\":[]}";
        string Payload(string third) =>
            "{\"runners\":[{\"selectionId\":1," + Ladders + "},{\"selectionId\":2," + Ladders + "},{\"selectionId\":3" + third + "}]}";
        Assert.True(MarketBookReader.TryRead(Payload("," + Ladders), out var complete, out _));
        Assert.True(MarketBookReader.TryRead(Payload(""), out var missing, out _));
        Assert.Equal(EligibilityTier.A, OrderBookMetrics.Classify(complete, StandardRoles));
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(missing, StandardRoles));
    }

    [Fact]
    public void Book_with_no_offers_at_all_is_tier_B() =>
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(Book(Runner(1, [], []), Runner(2, [], []), Runner(3, [], [])), StandardRoles));

    [Fact]
    public void Book_without_runners_is_tier_B() =>
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(Book(), StandardRoles));
}
