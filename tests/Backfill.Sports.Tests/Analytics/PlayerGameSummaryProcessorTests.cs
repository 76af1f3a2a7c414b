using Backfill.Sports.Analytics;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Analytics;

/// <summary>player_game_summary for 2023-01-02 (CLE 145-134 CHI in overtime, GSW 143-141 ATL), checked against the CSV lines.</summary>
[Collection(MiniFixtureCollection.Name)]
public sealed class PlayerGameSummaryProcessorTests(MiniFixtureDatabase fixture)
{
    private static readonly DateOnly Date = new(2023, 1, 2);
    private readonly PlayerGameSummaryProcessor _processor = new();

    [Fact]
    public async Task Every_player_log_of_the_date_gives_one_row_and_counts_as_read()
    {
        var output = await fixture.ComputeAsync(_processor, Date);

        Assert.Equal(38, output.Rows.Count);
        Assert.Equal(38, output.RowsRead);
        Assert.All(OutputRows.All(_processor, output), r => Assert.NotNull(r["minutes_played"]));
        Assert.All(OutputRows.All(_processor, output), r => Assert.NotNull(r["opponent_team_id"]));
    }

    [Fact]
    public async Task Mitchell_71_point_game_matches_his_csv_line()
    {
        // 22022,1628378,Donovan Mitchell,1610612739,CLE,...,0022200552,2023-01-02,CLE vs. CHI,W,50,71,22,34,0.647,7,15,0.467,20,25,0.8,3,5,8,11,...
        var output = await fixture.ComputeAsync(_processor, Date);
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == 1628378);

        Assert.Equal("0022200552", row["game_id"]);
        Assert.Equal(Date, row["game_date"]);
        Assert.Equal("2022-23", row["season"]);
        Assert.Equal(1610612739L, row["team_id"]);
        Assert.Equal(1610612741L, row["opponent_team_id"]); // CHI, the away side
        Assert.Equal(50.0, row["minutes_played"]);
        Assert.Equal((71L, 8L, 11L), (row["points"], row["rebounds"], row["assists"]));
        Assert.Equal((22L, 34L, 7L, 15L, 20L, 25L), (row["fgm"], row["fga"], row["fg3m"], row["fg3a"], row["ftm"], row["fta"]));
        Assert.Equal(71 / (2 * (34 + 0.44 * 25)), (double)row["ts_pct"]!, 1e-12);
    }

    [Fact]
    public async Task An_away_player_gets_the_home_team_as_opponent()
    {
        // 22022,202696,Nikola Vučević,1610612741,CHI,...,CHI @ CLE,L,44,20,6,8,...,1,12,13,2,...
        var output = await fixture.ComputeAsync(_processor, Date);
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == 202696);

        Assert.Equal(1610612739L, row["opponent_team_id"]);
        Assert.Equal((44.0, 20L, 13L), (row["minutes_played"], row["points"], row["rebounds"]));
    }

    [Fact]
    public async Task A_player_without_a_shot_has_no_true_shooting()
    {
        // 22022,1630552,Jalen Johnson,1610612737,ATL,...,ATL @ GSW,L,0,0,0,0,,0,0,,0,0,,...
        var output = await fixture.ComputeAsync(_processor, Date);
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == 1630552);

        Assert.Equal(0.0, row["minutes_played"]);
        Assert.Null(row["ts_pct"]);
    }
}
