using Backfill.Sports.Precompute;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Precompute;

[Collection(MiniFixtureCollection.Name)]
public sealed class FeatureStoreProcessorTests(MiniFixtureDatabase fixture)
{
    private const long Mitchell = 1628378, Cle = 1610612739, Bkn = 1610612751;
    private readonly FeatureStoreProcessor _processor = new();

    [Fact]
    public async Task A_player_gets_the_opponent_defense_form_and_the_weaker_completeness()
    {
        var date = new DateOnly(2023, 10, 25);
        await fixture.RunAsync(new PlayerFormProcessor(), date);
        await fixture.RunAsync(new TeamDefenseFormProcessor(), date);

        var output = await fixture.ComputeAsync(_processor, date);
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Equal((Cle, Bkn), (row["team_id"], row["opponent_team_id"]));
        Assert.Equal(36.6, (double)row["avg_minutes_last10"]!, 1e-9);
        Assert.Equal(31.7, (double)row["avg_points_last10"]!, 1e-9);
        Assert.Equal(115.4, (double)row["opp_avg_points_allowed_last10"]!, 1e-9);
        Assert.Equal(50.0, row["completeness_pct"]); // min(his 100, BKN's 50)
        Assert.Equal(await fixture.Db.CountAsync(SportsTables.PlayerForm, "game_date = @d", ("@d", date)), output.Rows.Count);
    }

    [Fact]
    public async Task Without_the_opponent_form_the_opponent_value_is_null_and_completeness_is_the_player_own()
    {
        var date = new DateOnly(2023, 12, 2);
        await fixture.RunAsync(new PlayerFormProcessor(), date);
        await fixture.Db.Store.ExecuteAsync($"DELETE FROM {SportsTables.TeamDefenseForm} WHERE game_date = @d", CancellationToken.None, ("@d", date));

        var output = await fixture.ComputeAsync(_processor, date);
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Null(row["opp_avg_points_allowed_last10"]);
        Assert.Equal(100.0, row["completeness_pct"]);
        Assert.Equal(26.1, (double)row["avg_points_last10"]!, 1e-9);
    }
}
