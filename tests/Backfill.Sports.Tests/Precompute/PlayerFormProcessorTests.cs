using Backfill.Sports.Precompute;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Precompute;

/// <summary>player_form on the real mini fixture, for Donovan Mitchell (CLE, 1628378); expected values summed by hand from his CSV lines.</summary>
[Collection(MiniFixtureCollection.Name)]
public sealed class PlayerFormProcessorTests(MiniFixtureDatabase fixture)
{
    private const long Mitchell = 1628378;
    private readonly PlayerFormProcessor _processor = new();

    [Fact]
    public async Task First_game_of_a_season_uses_the_last_10_games_of_the_previous_season()
    {
        // 2023-10-25 CLE @ BKN, his first 2023-24 game. Previous 10, all 2022-23 (MIN/PTS):
        // 03-12 33/23, 03-15 40/21, 03-17 26/20, 03-21 37/31, 03-23 33/31, 03-26 36/22, 03-28 40/44, 03-31 40/42, 04-02 40/40, 04-04 41/43.
        var output = await fixture.ComputeAsync(_processor, new DateOnly(2023, 10, 25));
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Equal("0022300067", row["game_id"]);
        Assert.Equal(36.6, (double)row["avg_minutes_last10"]!, 1e-9);
        Assert.Equal(31.7, (double)row["avg_points_last10"]!, 1e-9);
        Assert.Equal(10L, row["games_in_window"]);
        Assert.Equal(100.0, row["completeness_pct"]);
    }

    [Fact]
    public async Task The_window_is_the_10_latest_game_dates_not_the_10_highest_game_ids()
    {
        // 2023-24 in-season tournament games carry low ids (0022300001-0022300067) but were played in November, and
        // 0022301205 was played on 2023-12-06: on 2023-12-02 the 10 latest by date average 26.1 points, by id 23.9.
        var output = await fixture.ComputeAsync(_processor, new DateOnly(2023, 12, 2));
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Equal(26.1, (double)row["avg_points_last10"]!, 1e-9);
        Assert.Equal(35.6, (double)row["avg_minutes_last10"]!, 1e-9);
        Assert.Equal(10L, row["games_in_window"]);
    }

    [Fact]
    public async Task Early_in_the_history_the_window_is_short_and_completeness_is_10_per_game()
    {
        // His third game in the fixture (2022-10-23); before it: 2022-10-19 (MIN 35, PTS 31) and 2022-10-22 (MIN 35, PTS 32).
        var output = await fixture.ComputeAsync(_processor, new DateOnly(2022, 10, 23));
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Equal(2L, row["games_in_window"]);
        Assert.Equal(20.0, row["completeness_pct"]);
        Assert.Equal(35.0, (double)row["avg_minutes_last10"]!, 1e-9);
        Assert.Equal(31.5, (double)row["avg_points_last10"]!, 1e-9);
    }

    [Fact]
    public async Task Without_any_earlier_game_the_means_are_null_and_completeness_zero()
    {
        var output = await fixture.ComputeAsync(_processor, new DateOnly(2022, 10, 19));
        var row = OutputRows.Single(_processor, output, r => (long)r["player_id"]! == Mitchell);

        Assert.Equal((0L, 0.0), (row["games_in_window"], row["completeness_pct"]));
        Assert.Null(row["avg_minutes_last10"]);
        Assert.Null(row["avg_points_last10"]);
    }

    [Fact]
    public async Task One_row_per_player_game_of_the_date_and_at_most_a_window_of_history_each()
    {
        var date = new DateOnly(2023, 1, 2);
        var output = await fixture.ComputeAsync(_processor, date);
        var players = await fixture.Db.CountAsync("player_game_summary", "game_date = @d", ("@d", date));

        Assert.Equal(players, output.Rows.Count);
        var history = output.RowsRead - players;
        Assert.InRange(history, 1, players * RecentGames.WindowSize);
        Assert.All(OutputRows.All(_processor, output), r => Assert.Equal((long)r["games_in_window"]! * 10.0, r["completeness_pct"]));
    }
}
