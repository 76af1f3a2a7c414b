using Backfill.Sports.Analytics;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Analytics;

/// <summary>Team summaries for 2023-01-02, checked against the official box score of the same game in the nba_api samples.</summary>
[Collection(MiniFixtureCollection.Name)]
public sealed class TeamGameSummaryProcessorTests(MiniFixtureDatabase fixture)
{
    private const long Cle = 1610612739, Chi = 1610612741;
    private static readonly DateOnly Date = new(2023, 1, 2);

    [Fact]
    public async Task Offense_sums_of_the_player_logs_equal_the_official_team_box_score()
    {
        var processor = new TeamOffenseGameSummaryProcessor();
        var output = await fixture.ComputeAsync(processor, Date);
        var cle = OutputRows.Single(processor, output, r => (long)r["team_id"]! == Cle);
        var official = ApiSamples.Teams("cassette_boxscoretraditionalv3_0022200552.json", "boxScoreTraditional")[0];

        Assert.Equal(4, output.Rows.Count);
        Assert.Equal(38, output.RowsRead);
        Assert.Equal(("0022200552", Chi), (cle["game_id"], cle["opponent_team_id"]));
        Assert.Equal((145L, 134L), (cle["points_for"], cle["points_against"]));
        Assert.Equal(Official(official, "points"), cle["points_for"]);
        Assert.Equal(Official(official, "fieldGoalsMade"), cle["fgm"]);
        Assert.Equal(Official(official, "fieldGoalsAttempted"), cle["fga"]);
        Assert.Equal(Official(official, "threePointersMade"), cle["fg3m"]);
        Assert.Equal(Official(official, "threePointersAttempted"), cle["fg3a"]);
        Assert.Equal(Official(official, "freeThrowsMade"), cle["ftm"]);
        Assert.Equal(Official(official, "freeThrowsAttempted"), cle["fta"]);
        Assert.Equal(Official(official, "reboundsOffensive"), cle["oreb"]);
        Assert.Equal(Official(official, "turnovers"), cle["tov"]);
    }

    [Fact]
    public async Task Possessions_are_FGA_minus_OREB_plus_TOV_plus_044_FTA()
    {
        var processor = new TeamOffenseGameSummaryProcessor();
        var cle = OutputRows.Single(processor, await fixture.ComputeAsync(processor, Date), r => (long)r["team_id"]! == Cle);

        Assert.Equal((92L, 13L, 10L, 45L), (cle["fga"], cle["oreb"], cle["tov"], cle["fta"]));
        Assert.Equal(92 - 13 + 10 + 0.44 * 45, (double)cle["possessions"]!, 1e-9);
    }

    [Fact]
    public async Task Defense_of_a_team_is_its_opponent_offense()
    {
        var offense = new TeamOffenseGameSummaryProcessor();
        var defense = new TeamDefenseGameSummaryProcessor();
        var cleOffense = OutputRows.Single(offense, await fixture.ComputeAsync(offense, Date), r => (long)r["team_id"]! == Cle);
        var defenseOutput = await fixture.ComputeAsync(defense, Date);
        var chiDefense = OutputRows.Single(defense, defenseOutput, r => (long)r["team_id"]! == Chi);

        Assert.Equal(4, defenseOutput.Rows.Count);
        Assert.Equal(Cle, chiDefense["opponent_team_id"]);
        Assert.Equal(145L, chiDefense["points_allowed"]);
        foreach (var stat in new[] { "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "tov" })
            Assert.Equal(cleOffense[stat], chiDefense["opp_" + stat]);
        Assert.Equal(cleOffense["possessions"], chiDefense["opp_possessions"]);
    }

    private static long Official(Dictionary<string, string?> team, string stat) => long.Parse(team[stat]!, System.Globalization.CultureInfo.InvariantCulture);
}
