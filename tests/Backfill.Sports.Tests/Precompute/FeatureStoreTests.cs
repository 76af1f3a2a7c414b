using Backfill.Sports.Precompute;

namespace Backfill.Sports.Tests.Precompute;

public sealed class FeatureStoreTests
{
    private static readonly DateOnly Date = new(2024, 1, 15);

    [Theory]
    [InlineData(100.0, 50.0, 50.0)]
    [InlineData(30.0, 90.0, 30.0)]
    [InlineData(70.0, null, 70.0)]
    [InlineData(100.0, 0.0, 0.0)]
    public void Completeness_is_the_weaker_window_or_the_player_alone_without_opponent_form(double player, double? opponent, double expected) =>
        Assert.Equal(expected, FeatureStore.CompletenessPct(player, opponent));

    [Fact]
    public void A_row_without_opponent_form_keeps_the_opponent_value_null()
    {
        var row = FeatureStore.Row(new FeatureInput(1, "g", Date, 10, 20, 30.5, 18.2, 80, null, null));

        Assert.Equal(FeatureStore.Columns.Count, row.Length);
        Assert.Equal([1L, "g", Date, 10L, 20L, 30.5, 18.2, null, 80.0], row);
    }
}
