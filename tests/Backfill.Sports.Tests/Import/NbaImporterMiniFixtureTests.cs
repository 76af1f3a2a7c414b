using Backfill.Core.Pipelines;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Import;

/// <summary>Importing the real mini fixture (every player row of the 324 games involving CLE or GSW, 2022-23 and 2023-24).</summary>
public sealed class NbaImporterMiniFixtureTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Every_log_line_is_imported_and_the_324_games_are_rebuilt_from_the_logs()
    {
        await using var db = await TempSqlite.CreateAsync();

        var result = await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        Assert.Equal([NbaData.MiniFixture], result.Files);
        Assert.Empty(result.Rejected);
        Assert.Equal(6_753, result.LogsRead);
        Assert.Equal(6_753, result.LogsInserted);
        Assert.Equal(324, result.GamesDerived);
        Assert.Equal(0, result.GamesRead);
        Assert.Equal(6_753, await db.CountAsync(SportsTables.PlayerGameLogs));
        Assert.Equal(324, await db.CountAsync(SportsTables.Games));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_inserts_nothing()
    {
        await using var db = await TempSqlite.CreateAsync();
        await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        var again = await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        Assert.Equal(6_753, again.LogsRead);
        Assert.Equal(0, again.LogsInserted);
        Assert.Equal(0, again.GamesDerived);
        Assert.Equal(6_753, await db.CountAsync(SportsTables.PlayerGameLogs));
        Assert.Equal(324, await db.CountAsync(SportsTables.Games));
    }

    [Fact]
    public async Task A_game_rebuilt_from_logs_has_home_and_away_from_the_matchup_and_points_summed()
    {
        await using var db = await TempSqlite.CreateAsync();
        await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        // 0022200552: CLE 145-134 CHI on 2023-01-02, the overtime game of the nba_api samples.
        var game = await new SqlPartitionReader(db.Store).QueryAsync(
            "SELECT game_date, season, season_id, home_team_id, home_team_abbr, home_team_name, away_team_id, away_team_abbr, home_pts, away_pts FROM nba_games WHERE game_id = @g",
            r => (Values.Date(r, 0), r.GetString(1), Values.Long(r, 2), Values.Long(r, 3), r.GetString(4), r.GetString(5), Values.Long(r, 6), r.GetString(7), Values.Long(r, 8), Values.Long(r, 9)),
            Ct, ("@g", "0022200552"));

        Assert.Equal((new DateOnly(2023, 1, 2), "2022-23", 22022L, 1610612739L, "CLE", "Cleveland Cavaliers", 1610612741L, "CHI", 145L, 134L), Assert.Single(game));
    }

    [Fact]
    public async Task Raw_text_is_kept_as_in_the_file_minutes_and_accented_names_included()
    {
        await using var db = await TempSqlite.CreateAsync();
        await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        var vucevic = await new SqlPartitionReader(db.Store).QueryAsync(
            "SELECT player_name, min, matchup, wl, game_date, pts, plus_minus FROM nba_player_game_logs WHERE game_id = @g AND player_id = @p",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Values.Date(r, 4), Values.Long(r, 5), Values.Long(r, 6)),
            Ct, ("@g", "0022200552"), ("@p", 202696L));

        Assert.Equal(("Nikola Vučević", "44", "CHI @ CLE", "L", new DateOnly(2023, 1, 2), 20L, -19L), Assert.Single(vucevic));
    }

    [Fact]
    public async Task Dates_are_stored_as_iso_text_on_SQLite_so_they_compare_with_DateOnly_parameters()
    {
        await using var db = await TempSqlite.CreateAsync();
        await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        Assert.Equal("2023-01-02", await db.Store.ScalarAsync("SELECT game_date FROM nba_games WHERE game_id = '0022200552'", Ct));
        Assert.Equal(38, await db.CountAsync(SportsTables.PlayerGameLogs, "game_date = @d", ("@d", new DateOnly(2023, 1, 2))));
    }
}
