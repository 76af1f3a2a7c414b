namespace Backfill.Cli.Tests.Pipelines;

/// <summary>The real NBA box scores in ../shared/data/nba (four seasons, 2020-21 to 2023-24), read in place.</summary>
public static class SharedNbaData
{
    /// <summary>The folder 'backfill import nba' reads; fails the test (never skips it) when it is missing.</summary>
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Backfill.slnx")))
                {
                    var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "nba"));
                    Assert.True(Directory.Exists(Path.Combine(path, "player_game_logs")) && Directory.Exists(Path.Combine(path, "games")),
                        $"Test data '{path}' (player_game_logs/, games/) is missing: the tests read ../shared/data beside the repository.");
                    return path;
                }
            }

            throw new InvalidOperationException($"No Backfill.slnx above {AppContext.BaseDirectory}: cannot locate ../shared/data/nba.");
        }
    }
}
