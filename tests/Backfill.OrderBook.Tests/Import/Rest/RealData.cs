namespace Backfill.OrderBook.Tests.Import.Rest;

/// <summary>
/// The real Betfair files in the shared data folder, read in place: <c>../shared/data/betfair</c>
/// next to the repository root (the folder holding <c>Backfill.slnx</c>). Missing data fails the test.
/// </summary>
internal static class RealData
{
    public static string Betfair(string relativePath)
    {
        var root = RepositoryRoot();
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "betfair", relativePath));
        if (!File.Exists(path))
        {
            Assert.Fail($"Real data file missing: {path}. Tests read the shared Betfair data in place from ../shared/data/betfair "
                + $"beside the repository root ({root}); restore that folder (see shared/data/README.md).");
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Backfill.slnx")))
            {
                return directory.FullName;
            }
        }

        Assert.Fail($"No Backfill.slnx found above {AppContext.BaseDirectory}: cannot locate the repository root to find ../shared/data.");
        return null!;
    }
}
