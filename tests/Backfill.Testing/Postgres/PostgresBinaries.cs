namespace Backfill.Testing.Postgres;

/// <summary>Finds the directory holding initdb and pg_ctl.</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        if (TestEnvironment.BinDirectoryOverride is { } overridden)
        {
            return HasServerTools(overridden)
                ? overridden
                : throw PostgresUnavailableException.Because(
                    $"{TestEnvironment.BinDirectoryVariable}={overridden} does not contain initdb and pg_ctl.");
        }

        var tried = new List<string>();

        var pgConfig = await CommandRunner.RunAsync("pg_config", ["--bindir"], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var fromPgConfig = pgConfig.StandardOutput.Trim();
        if (pgConfig.Succeeded && HasServerTools(fromPgConfig))
        {
            return fromPgConfig;
        }

        tried.Add(pgConfig.Succeeded ? $"pg_config --bindir -> {fromPgConfig} (no initdb/pg_ctl there)" : "pg_config (not found on PATH)");

        // Debian keeps server binaries off PATH, one folder per major version; prefer the newest.
        var newestDebian = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(versionDir => (Version: MajorVersion(versionDir), Bin: Path.Combine(versionDir, "bin")))
                .Where(candidate => HasServerTools(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        if (newestDebian is not null)
        {
            return newestDebian;
        }

        tried.Add($"{DebianRoot}/*/bin");

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServerTools);
        if (onPath is not null)
        {
            return onPath;
        }

        tried.Add("initdb and pg_ctl on PATH");
        throw PostgresUnavailableException.Because($"no PostgreSQL server binaries found (looked at: {string.Join("; ", tried)}).");
    }

    private static bool HasServerTools(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static double MajorVersion(string versionDirectory) =>
        double.TryParse(Path.GetFileName(versionDirectory), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;
}
