using System.Runtime.InteropServices;

namespace Backfill.Testing.Postgres;

/// <summary>
/// The OS account the cluster runs as. PostgreSQL refuses to run as root, so a root process
/// runs initdb/pg_ctl as the 'postgres' account and hands it the cluster folder.
/// </summary>
internal sealed class PostgresOsUser
{
    private const string ServiceAccount = "postgres";
    private static readonly string[] RunuserPaths = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private PostgresOsUser(string? switchTo) => SwitchTo = switchTo;

    /// <summary>The account to switch to, or null when the current user runs the binaries directly.</summary>
    public string? SwitchTo { get; }

    public static PostgresOsUser ForCurrentProcess() => new(IsRoot() ? ServiceAccount : null);

    public Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        if (SwitchTo is null)
        {
            return CommandRunner.RunAsync(fileName, arguments, timeout, workingDirectory, cancellationToken);
        }

        if (RunuserPaths.FirstOrDefault(File.Exists) is { } runuser)
        {
            return CommandRunner.RunAsync(runuser, ["-u", SwitchTo, "--", fileName, .. arguments], timeout, workingDirectory, cancellationToken);
        }

        // busybox/BSD su take one shell command line rather than an argument vector.
        var shellCommand = string.Join(' ', arguments.Prepend(fileName).Select(ShellQuote));
        return CommandRunner.RunAsync("su", [SwitchTo, "-s", "/bin/sh", "-c", shellCommand], timeout, workingDirectory, cancellationToken);
    }

    /// <summary>Makes <paramref name="directory"/> owned by the account so initdb can create the data folder inside it.</summary>
    public async Task TakeOwnershipAsync(string directory, CancellationToken cancellationToken)
    {
        if (SwitchTo is null)
        {
            return;
        }

        var result = await CommandRunner.RunAsync("chown", [$"{SwitchTo}:", directory], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw PostgresUnavailableException.Because(
                $"this process runs as root, so the cluster must run as the '{SwitchTo}' account, but handing it {directory} failed " +
                $"(create the account with 'useradd --system {SwitchTo}' or run the tests as a non-root user).",
                result.Describe());
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsRoot() => !OperatingSystem.IsWindows() && NativeMethods.geteuid() == 0;

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for no gain on a parameterless call.
        [DllImport("libc", SetLastError = false)]
        public static extern uint geteuid();
#pragma warning restore SYSLIB1054
    }
}
