namespace Backfill.Testing.Postgres;

/// <summary>The initdb/pg_ctl invocations for one installation, run as the account that may own a cluster.</summary>
internal sealed class PgCtl(string binDirectory, PostgresOsUser user)
{
    public const string Superuser = "postgres";

    public PostgresOsUser User => user;

    public string BinDirectory => binDirectory;

    private string InitDb => Path.Combine(binDirectory, "initdb");

    private string PgCtlPath => Path.Combine(binDirectory, "pg_ctl");

    // --no-locale keeps sorting and start-up independent of whatever locales the machine has installed.
    public Task<CommandResult> InitDbAsync(ClusterDirectory directory, CancellationToken cancellationToken) =>
        user.RunAsync(
            InitDb,
            ["-D", directory.Data, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
            TimeSpan.FromMinutes(2),
            directory.Root,
            cancellationToken);

    // -l sends the postmaster's output to a file: it must not inherit our pipes, or reading them never ends.
    public Task<CommandResult> StartAsync(ClusterDirectory directory, int port, CancellationToken cancellationToken) =>
        user.RunAsync(
            PgCtlPath,
            ["start", "-D", directory.Data, "-l", directory.Log, "-w", "-t", "60", "-o", $"-p {port}"],
            TimeSpan.FromSeconds(90),
            directory.Root,
            cancellationToken);

    // Immediate: the data is thrown away anyway, so skip the shutdown checkpoint.
    public Task<CommandResult> StopAsync(ClusterDirectory directory, CancellationToken cancellationToken) =>
        user.RunAsync(
            PgCtlPath,
            ["stop", "-D", directory.Data, "-m", "immediate", "-w", "-t", "30"],
            TimeSpan.FromSeconds(45),
            directory.Root,
            cancellationToken);
}
