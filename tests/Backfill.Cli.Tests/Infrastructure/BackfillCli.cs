using System.Diagnostics;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>
/// Starts the real CLI as 'dotnet backfill.dll ...'. The test project references Backfill.Cli, so the build copies
/// backfill.dll with its runtimeconfig and deps files next to the tests; the CLI project's own bin folder is the fallback.
/// </summary>
public static class BackfillCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<string> Dll = new(LocateDll);
    private static readonly Lazy<string> Host = new(LocateDotnetHost);

    public static string DllPath => Dll.Value;

    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, DefaultTimeout);

    public static async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await using var process = Start(arguments);
        return await process.WaitAsync(timeout);
    }

    /// <summary>Starts the CLI without waiting, with stdin closed (so it never prompts) and both outputs captured.</summary>
    public static CliProcess Start(IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(Host.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Never the repository: a command that falls back to ./backfill.db must not write there.
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("BACKFILL_DB");
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        return CliProcess.Start(startInfo, "backfill " + string.Join(' ', arguments.Select(Quote)));
    }

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;

    private static string LocateDll()
    {
        var nextToTests = Path.Combine(AppContext.BaseDirectory, "backfill.dll");
        if (IsRunnable(nextToTests))
        {
            return nextToTests;
        }

        // .../tests/Backfill.Cli.Tests/bin/<Configuration>/<tfm>/ -> .../src/Backfill.Cli/bin/<Configuration>/<tfm>/backfill.dll
        var outputDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = outputDir.Name;
        var configuration = outputDir.Parent?.Name ?? "Debug";
        for (var dir = outputDir; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Backfill.Cli", "bin", configuration, tfm, "backfill.dll");
            if (IsRunnable(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"backfill.dll was not found next to the tests ({AppContext.BaseDirectory}) nor in src/Backfill.Cli/bin/{configuration}/{tfm}; "
            + "build tests/Backfill.Cli.Tests (it references src/Backfill.Cli) and run again.");
    }

    private static bool IsRunnable(string dll) => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"));

    // The same host that runs the tests, so the CLI gets the same runtime.
    private static string LocateDotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return "dotnet";
    }
}
