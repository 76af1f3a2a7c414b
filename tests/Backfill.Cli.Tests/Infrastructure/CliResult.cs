namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>What one finished 'backfill' process printed and returned.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails with the whole command, exit code and output, so a failing test explains itself.</summary>
    public CliResult ShouldExitWith(int expected)
    {
        if (ExitCode != expected)
        {
            Assert.Fail($"expected exit code {expected}, got {ExitCode}.{Environment.NewLine}{Describe()}");
        }

        return this;
    }

    public string Describe() =>
        $"$ {CommandLine}  (exit code {ExitCode}){Environment.NewLine}--- stdout ---{Environment.NewLine}{Tail(Stdout)}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 4000 ? text.TrimEnd() : "..." + text[^4000..].TrimEnd();
}
