using System.Diagnostics;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>A running 'backfill' process whose output is read as it comes (so a full pipe never blocks it).</summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private CliProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        // Nothing is ever typed: a closed stdin also makes the CLI announce instead of prompting.
        process.StandardInput.Close();
        _stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    public string CommandLine => _commandLine;

    public bool HasExited => _process.HasExited;

    public static CliProcess Start(ProcessStartInfo startInfo, string commandLine)
    {
        var process = new Process { StartInfo = startInfo };
        process.Start();
        return new CliProcess(process, commandLine);
    }

    /// <summary>SIGKILL on Linux and macOS: no handler runs, exactly like a crash or the OOM killer.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"'{_commandLine}' did not finish within {timeout.TotalSeconds:0} s and was killed.{Environment.NewLine}"
                + $"--- stdout ---{Environment.NewLine}{await _stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{await _stderr}");
        }

        return new CliResult(_commandLine, _process.ExitCode, await _stdout, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
