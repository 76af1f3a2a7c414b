using Backfill.Sports.Analytics;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Analytics;

[Collection(MiniFixtureCollection.Name)]
public sealed class UpcomingPlayerGameContextProcessorTests(MiniFixtureDatabase fixture)
{
    private readonly UpcomingPlayerGameContextProcessor _processor = new();

    [Fact]
    public void Cannot_run_for_past_dates_because_it_needs_pre_game_lines()
    {
        Assert.False(_processor.Spec.IsHistorical);
        Assert.Contains(SportsTables.PlayerPropLines, _processor.Spec.NotHistorical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_without_prop_lines_has_no_rows()
    {
        var output = await fixture.ComputeAsync(_processor, new DateOnly(2023, 1, 2));

        Assert.Empty(output.Rows);
        Assert.Equal(0, output.RowsRead);
    }

    [Fact]
    public async Task A_prop_line_is_joined_with_the_player_mean_points_of_his_previous_10_games()
    {
        var date = new DateOnly(2023, 10, 25);
        await fixture.Db.Store.ExecuteAsync(
            $"INSERT INTO {SportsTables.PlayerPropLines} (game_id, player_id, game_date, points_line, captured_at) VALUES ('0022300067', 1628378, @d, 27.5, @t)",
            CancellationToken.None, ("@d", date), ("@t", new DateTime(2023, 10, 25, 18, 0, 0, DateTimeKind.Utc)));
        try
        {
            var output = await fixture.ComputeAsync(_processor, date);

            var row = OutputRows.Single(_processor, output, _ => true);
            Assert.Equal((1628378L, "0022300067", date, 27.5), (row["player_id"], row["game_id"], row["game_date"], row["points_line"]));
            Assert.Equal(31.7, (double)row["avg_points_last10"]!, 1e-9);
            Assert.Equal(10L, row["games_in_window"]);
            Assert.Equal(11, output.RowsRead); // the line and 10 games
        }
        finally
        {
            await fixture.Db.Store.ExecuteAsync($"DELETE FROM {SportsTables.PlayerPropLines}", CancellationToken.None);
        }
    }
}
