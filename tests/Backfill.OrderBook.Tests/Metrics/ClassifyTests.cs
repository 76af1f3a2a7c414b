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
    public void Role_without_a_back_level_is_tier_B()
    {
        var book = Book(
            Runner(1, back: [], lay: [new(2.02, 50)]),
            Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(5.2, 30)]));

        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(book, StandardRoles));
    }

    [Fact]
    public void Role_without_a_lay_level_is_tier_B()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
            Runner(2, back: [new(4.0, 80)], lay: [new(4.1, 40)]),
            Runner(3, back: [new(5.0, 60)], lay: [new(1.0, 30)]));

        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(book, StandardRoles));
    }

    [Fact]
    public void Book_without_runners_is_tier_B() =>
        Assert.Equal(EligibilityTier.B, OrderBookMetrics.Classify(Book(), StandardRoles));
}
