namespace Backfill.Testing.Postgres;

/// <summary>Thrown when no PostgreSQL server could be provided; the message says why and how to fix it.</summary>
public sealed class PostgresUnavailableException : Exception
{
    private const string Fix =
        "Fix: set BACKFILL_TEST_PG to the admin connection string of an existing server " +
        "(e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\"), " +
        "or install the PostgreSQL server binaries (Debian/Ubuntu: apt-get install postgresql-15), " +
        "or set BACKFILL_PG_BIN to the directory that contains initdb and pg_ctl.";

    public PostgresUnavailableException()
        : base("Could not start a throwaway PostgreSQL server for tests.")
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static PostgresUnavailableException Because(string reason, string? details = null, Exception? inner = null)
    {
        var message = $"Could not start a throwaway PostgreSQL server for tests: {reason}{Environment.NewLine}{Fix}";
        if (!string.IsNullOrWhiteSpace(details))
        {
            message += $"{Environment.NewLine}--- output ---{Environment.NewLine}{details.TrimEnd()}";
        }

        return inner is null ? new PostgresUnavailableException(message) : new PostgresUnavailableException(message, inner);
    }
}
