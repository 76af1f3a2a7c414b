namespace Backfill.Sports.Tests.Support;

/// <summary>
/// The real NBA files, read in place from shared/data/nba beside the repository. A missing folder fails the
/// test with the path it looked for: these tests exist to prove the code on real data, so they never skip.
/// </summary>
internal static class NbaData
{
    public static string Folder
    {
        get
        {
            var repo = RepositoryRoot();
            var folder = Path.GetFullPath(Path.Combine(repo, "..", "shared", "data", "nba"));
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"The real NBA data folder '{folder}' is missing (expected ../shared/data/nba beside the repository at '{repo}'). These tests read it and must not be skipped.");
        }
    }

    public static string MiniFixture => File("player_game_logs", "mini_player_logs_games_involving_CLE_or_GSW_2022-23_2023-24.csv");

    public static IReadOnlyList<string> SeasonLogFiles
    {
        get
        {
            var files = Directory.GetFiles(Path.Combine(Folder, "player_game_logs"), "player_logs_*.csv").Order(StringComparer.Ordinal).ToList();
            return files.Count == 4 ? files : throw new FileNotFoundException($"Expected 4 season files player_logs_*.csv in {Path.Combine(Folder, "player_game_logs")}, found {files.Count}.");
        }
    }

    /// <summary>A file under the data folder; fails with its full path when it is not there.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Real NBA data file '{path}' is missing.", path);
    }

    public static string ApiSample(params string[] parts) => File(["nba_api_samples", .. parts]);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Backfill.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder containing Backfill.slnx above '{AppContext.BaseDirectory}'.");
    }
}
