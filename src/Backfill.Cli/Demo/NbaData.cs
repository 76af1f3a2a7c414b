namespace Backfill.Cli.Demo;

/// <summary>Where the real NBA data is when --data is not given.</summary>
public static class NbaData
{
    public static string Locate(string? given)
    {
        if (given is not null) return given;
        if (Environment.GetEnvironmentVariable("BACKFILL_NBA_DATA") is { Length: > 0 } env) return env;
        var candidates = new List<string> { Path.Combine("..", "shared", "data", "nba") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backfill.slnx"))) candidates.Add(Path.Combine(dir.FullName, "..", "shared", "data", "nba"));
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"No NBA data folder found (looked in {string.Join(", ", candidates.Select(Path.GetFullPath))}); pass --data DIR.");
    }
}
