namespace Backfill.Cli;

/// <summary>Process exit codes (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A check did not pass: validation found fillable NULLs.</summary>
    public const int CheckFailed = 1;
    /// <summary>Bad input: unknown job, invalid option value, bad job file.</summary>
    public const int Usage = 2;
    /// <summary>The database cannot be used: unreachable, missing tables or columns.</summary>
    public const int Database = 3;
    /// <summary>The run failed or another process owns it; the checkpoint is kept.</summary>
    public const int RunFailed = 4;
    /// <summary>Interrupted (Ctrl+C); the checkpoint is kept, continue with --resume.</summary>
    public const int Interrupted = 130;
}
