using System.ComponentModel;
using System.Diagnostics;

namespace Backfill.Testing.Postgres;

/// <summary>Runs a short-lived command to completion, capturing its output instead of throwing.</summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandResult(commandLine, -1, false, "", $"could not run {fileName}: {e.Message}");
        }

        // Nothing reads our stdin; closing it stops a child from ever waiting for input.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var result = new CommandResult(
            commandLine,
            timedOut ? -1 : process.ExitCode,
            timedOut,
            await DrainAsync(stdout).ConfigureAwait(false),
            await DrainAsync(stderr).ConfigureAwait(false));
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    // A daemon started by the command (e.g. a postmaster without -l) may inherit the pipe and keep it open forever.
    private static async Task<string> DrainAsync(Task<string> read)
    {
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        return finished == read ? await read.ConfigureAwait(false) : "(output not captured: still held open by a child process)";
    }
}
