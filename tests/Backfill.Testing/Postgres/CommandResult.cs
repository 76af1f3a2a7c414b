namespace Backfill.Testing.Postgres;

/// <summary>Outcome of one external command, with its output kept for error messages.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public string Describe()
    {
        var status = TimedOut ? "timed out" : $"exit code {ExitCode}";
        return $"$ {CommandLine}  ({status}){Environment.NewLine}{StandardOutput.TrimEnd()}{Environment.NewLine}{StandardError.TrimEnd()}".TrimEnd();
    }
}
