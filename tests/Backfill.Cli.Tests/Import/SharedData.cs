namespace Backfill.Cli.Tests.Import;

/// <summary>The real Betfair files in ../shared/data, read in place.</summary>
public static class SharedData
{
    public static string Betfair(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backfill.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "betfair", relative));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Test data '{path}' is missing: the tests read ../shared/data beside the repository.");
                return path;
            }
        }
        throw new InvalidOperationException($"No Backfill.slnx above {AppContext.BaseDirectory}: cannot locate ../shared/data.");
    }
}
