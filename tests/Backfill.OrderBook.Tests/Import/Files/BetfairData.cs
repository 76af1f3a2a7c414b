namespace Backfill.OrderBook.Tests.Import.Files;

/// <summary>
/// The real Betfair files under <c>../shared/data/betfair</c> next to the repository (see that folder's
/// README). Tests read them in place; when they are missing the test fails and says where it looked.
/// </summary>
internal static class BetfairData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Full path of <paramref name="relative"/> (e.g. <c>stream/greyhound-win-1.197931750</c>); fails if absent.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Root.Value, relative);
        if (!System.IO.File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Fail($"Real data file {relative} is missing from {Root.Value}. These tests read the shared data set in place; restore it.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "Backfill.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            Assert.Fail($"No folder containing Backfill.slnx above {AppContext.BaseDirectory}; cannot locate ../shared/data.");
        }

        var data = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "betfair"));
        if (!Directory.Exists(data))
        {
            Assert.Fail($"Real Betfair data folder not found at {data} (expected ../shared/data/betfair next to the repository root "
                + $"{directory.FullName}). These tests need it and fail rather than skip.");
        }

        return data;
    }
}
