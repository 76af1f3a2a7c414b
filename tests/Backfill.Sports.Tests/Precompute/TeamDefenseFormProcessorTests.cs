using Backfill.Sports.Precompute;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Precompute;

[Collection(MiniFixtureCollection.Name)]
public sealed class TeamDefenseFormProcessorTests(MiniFixtureDatabase fixture)
{
    private const long Cle = 1610612739, Bkn = 1610612751;
    private static readonly DateOnly SeasonOpener = new(2023, 10, 25);
    private readonly TeamDefenseFormProcessor _processor = new();

    [Fact]
    public async Task A_team_averages_the_points_allowed_in_its_last_10_games_across_the_season_boundary()
    {
        // CLE's last 10 games of 2022-23 (2023-03-17 .. 2023-04-09), opponents' points summed from their player lines.
        var output = await fixture.ComputeAsync(_processor, SeasonOpener);
        var cle = OutputRows.Single(_processor, output, r => (long)r["team_id"]! == Cle);

        Assert.Equal("0022300067", cle["game_id"]);
        Assert.Equal(107.6, (double)cle["avg_points_allowed_last10"]!, 1e-9);
        Assert.Equal((10L, 100.0), (cle["games_in_window"], cle["completeness_pct"]));
    }

    [Fact]
    public async Task A_team_with_fewer_earlier_games_has_a_partial_window()
    {
        // The fixture only holds BKN's games against CLE or GSW: 5 in 2022-23.
        var output = await fixture.ComputeAsync(_processor, SeasonOpener);
        var bkn = OutputRows.Single(_processor, output, r => (long)r["team_id"]! == Bkn);

        Assert.Equal(115.4, (double)bkn["avg_points_allowed_last10"]!, 1e-9);
        Assert.Equal((5L, 50.0), (bkn["games_in_window"], bkn["completeness_pct"]));
    }
}
