using Backfill.Core.Sql;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Import;

public sealed class NbaImporterErrorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Malformed_lines_are_rejected_with_their_line_number_and_the_others_imported()
    {
        await using var db = await TempSqlite.CreateAsync();
        var real = File.ReadLines(NbaData.MiniFixture).Take(4).ToList();
        var fields = real[3].Split(',');
        fields[11] = "abc"; // PTS
        var file = Path.Combine(db.Folder, "player_logs_broken.csv");
        await File.WriteAllLinesAsync(file,
        [
            real[0],
            real[1],
            string.Join(',', fields),                      // line 3: PTS is not a number
            real[2],
            string.Join(',', real[3].Split(',')[..30]),    // line 5: a field missing
            "22022,\"unterminated," + real[3],             // line 6: stray quote
            "",                                            // line 7: blank, ignored
            real[3].Replace("2022-", "2022/", StringComparison.Ordinal), // line 8: bad date
        ]);

        var result = await NbaImporter.ImportAsync(db.Store, file, Ct);

        Assert.Equal(2, result.LogsRead);
        Assert.Equal(2, await db.CountAsync(SportsTables.PlayerGameLogs));
        Assert.Equal([3L, 5L, 6L, 8L], result.Rejected.Select(r => r.Line));
        Assert.All(result.Rejected, r => Assert.Equal(file, r.File));
        Assert.Equal("PTS 'abc' is not a whole number", result.Rejected[0].Reason);
        Assert.Equal("expected 31 fields, found 30", result.Rejected[1].Reason);
        Assert.StartsWith("unterminated quoted field", result.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("GAME_DATE '2022/", result.Rejected[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_games_file_imported_first_wins_over_the_game_rebuilt_from_logs()
    {
        await using var db = await TempSqlite.CreateAsync();
        var games = File.ReadLines(NbaData.File("games", "games_from_player_logs_2022-23.csv")).ToList();
        var file = Path.Combine(db.Folder, "games_one.csv");
        // The real row of 0022200552 with a score no log sum gives, to see which row survives.
        var row = games.Single(l => l.StartsWith("0022200552,", StringComparison.Ordinal)).Replace(",145,134,", ",999,998,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, [games[0], row]);

        var first = await NbaImporter.ImportAsync(db.Store, file, Ct);
        var second = await NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct);

        Assert.Equal((1, 1), (first.GamesRead, first.GamesInserted));
        Assert.Equal(323, second.GamesDerived);
        Assert.Equal(999L, await db.Store.ScalarAsync("SELECT home_pts FROM nba_games WHERE game_id = '0022200552'", Ct));
    }

    [Fact]
    public async Task A_missing_folder_is_a_DirectoryNotFoundException_naming_it()
    {
        await using var db = await TempSqlite.CreateAsync();
        var missing = Path.Combine(db.Folder, "no-such-folder");

        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => NbaImporter.ImportAsync(db.Store, missing, Ct));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_NBA_files_is_a_FileNotFoundException_naming_it()
    {
        await using var db = await TempSqlite.CreateAsync();
        var empty = Directory.CreateDirectory(Path.Combine(db.Folder, "empty")).FullName;

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => NbaImporter.ImportAsync(db.Store, empty, Ct));

        Assert.Equal(empty, e.FileName);
        Assert.Contains("player_game_logs/player_logs_*.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_that_is_neither_logs_nor_games_is_refused_before_anything_is_written()
    {
        await using var db = await TempSqlite.CreateAsync();

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            NbaImporter.ImportAsync(db.Store, NbaData.ApiSample("docs_output_tables", "leaguegamelog__LeagueGameLog.csv"), Ct));
    }

    [Fact]
    public async Task An_unmigrated_database_is_a_SchemaException_that_says_to_migrate()
    {
        await using var db = await TempSqlite.CreateAsync(migrate: false);

        var e = await Assert.ThrowsAsync<SchemaException>(() => NbaImporter.ImportAsync(db.Store, NbaData.MiniFixture, Ct));

        Assert.Contains("backfill migrate", e.Message, StringComparison.Ordinal);
    }
}
