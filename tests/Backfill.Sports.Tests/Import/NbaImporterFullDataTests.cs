using System.Diagnostics;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Import;

public sealed class NbaImporterFullDataTests
{
    [Fact]
    public async Task The_whole_real_folder_imports_in_seconds_with_every_row_and_the_mini_file_left_out()
    {
        await using var db = await TempSqlite.CreateAsync();
        var clock = Stopwatch.StartNew();

        var result = await NbaImporter.ImportAsync(db.Store, NbaData.Folder, CancellationToken.None);

        clock.Stop();
        Assert.Equal(8, result.Files.Count);
        Assert.DoesNotContain(result.Files, f => Path.GetFileName(f).StartsWith("mini_", StringComparison.Ordinal));
        Assert.Empty(result.Rejected);
        Assert.Equal((4_770L, 4_770L), (result.GamesRead, result.GamesInserted));
        Assert.Equal(0, result.GamesDerived); // every game is in the games files, which are imported first
        Assert.Equal((101_389L, 101_389L), (result.LogsRead, result.LogsInserted));
        Assert.Equal(101_389, await db.CountAsync(SportsTables.PlayerGameLogs));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"import took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
