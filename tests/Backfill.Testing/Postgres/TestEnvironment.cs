namespace Backfill.Testing.Postgres;

/// <summary>Environment variables that steer where the test server comes from.</summary>
internal static class TestEnvironment
{
    /// <summary>Admin connection string of an existing server; when set no cluster is started.</summary>
    public const string ConnectionStringVariable = "BACKFILL_TEST_PG";

    /// <summary>Directory holding initdb and pg_ctl; overrides discovery.</summary>
    public const string BinDirectoryVariable = "BACKFILL_PG_BIN";

    /// <summary>"1" leaves the cluster (and created databases) in place for debugging.</summary>
    public const string KeepVariable = "BACKFILL_TEST_PG_KEEP";

    public static string? ExternalConnectionString => NonEmpty(ConnectionStringVariable);

    public static string? BinDirectoryOverride => NonEmpty(BinDirectoryVariable);

    public static bool Keep => NonEmpty(KeepVariable) is "1" or "true" or "yes";

    private static string? NonEmpty(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
