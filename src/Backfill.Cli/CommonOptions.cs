using System.CommandLine;

namespace Backfill.Cli;

/// <summary>Options every command takes.</summary>
public static class CommonOptions
{
    public const string DefaultDb = "./backfill.db";

    public static readonly Option<string?> Db = new("--db")
    {
        Description = "SQLite file path, or PostgreSQL URL (postgres://user:pass@host:5432/db) or Npgsql connection string. "
            + $"Default: $BACKFILL_DB, else {DefaultDb}.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of tables.",
        Recursive = true,
    };

    public static readonly Option<string?> Jobs = new("--jobs")
    {
        Description = "Folder of extra job files (*.yaml); a file with a built-in job's name replaces it.",
        Recursive = true,
    };
}
