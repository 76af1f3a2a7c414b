using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Backfill.Testing.Postgres;

/// <summary>A throwaway cluster started from the machine's PostgreSQL binaries, deleted on dispose.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private const int PortAttempts = 5;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    // Tests and benchmarks, not durability: skip every flush to disk.
    private static readonly string[] Settings =
    [
        "listen_addresses = '127.0.0.1'",
        "fsync = off",
        "full_page_writes = off",
        "synchronous_commit = off",
        "max_connections = 200",
    ];

    private readonly PgCtl _pgCtl;
    private readonly ClusterDirectory _directory;
    private int _stopped;

    private LocalCluster(PgCtl pgCtl, ClusterDirectory directory, string connectionString)
    {
        _pgCtl = pgCtl;
        _directory = directory;
        ConnectionString = connectionString;
        AppDomain.CurrentDomain.ProcessExit += StopOnProcessExit;
    }

    public string ConnectionString { get; }

    public string RootDirectory => _directory.Root;

    public string StopCommand =>
        (_pgCtl.User.SwitchTo is { } account ? $"runuser -u {account} -- " : "")
        + $"{Path.Combine(_pgCtl.BinDirectory, "pg_ctl")} stop -D {_directory.Data} && rm -rf {_directory.Root}";

    public static async Task<LocalCluster> StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw PostgresUnavailableException.Because("starting a local cluster is only supported on Linux and macOS.");
        }

        var pgCtl = new PgCtl(await PostgresBinaries.LocateAsync(cancellationToken).ConfigureAwait(false), PostgresOsUser.ForCurrentProcess());
        await StaleClusterSweeper.SweepAsync(pgCtl, cancellationToken).ConfigureAwait(false);

        var directory = ClusterDirectory.Create();
        try
        {
            await pgCtl.User.TakeOwnershipAsync(directory.Root, cancellationToken).ConfigureAwait(false);
            await InitializeDataAsync(pgCtl, directory, cancellationToken).ConfigureAwait(false);
            var port = await StartOnFreePortAsync(pgCtl, directory, cancellationToken).ConfigureAwait(false);
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = IPAddress.Loopback.ToString(),
                Port = port,
                Username = PgCtl.Superuser,
                Database = "postgres",
                IncludeErrorDetail = true,
            }.ConnectionString;
            await WaitUntilAcceptingAsync(connectionString, directory, cancellationToken).ConfigureAwait(false);
            return new LocalCluster(pgCtl, directory, connectionString);
        }
        catch
        {
            // Also reached on cancellation or a pg_ctl timeout, when a postmaster may be up without us knowing its port.
            if (directory.HasPostmaster)
            {
                await pgCtl.StopAsync(directory, CancellationToken.None).ConfigureAwait(false);
            }

            directory.Delete();
            throw;
        }
    }

    /// <summary>Leaves the cluster running and exempt from the stale sweep, for debugging.</summary>
    public void Keep()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit -= StopOnProcessExit;
            _directory.Disown();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnProcessExit;
        await _pgCtl.StopAsync(_directory, CancellationToken.None).ConfigureAwait(false);
        _directory.Delete();
    }

    private static async Task InitializeDataAsync(PgCtl pgCtl, ClusterDirectory directory, CancellationToken cancellationToken)
    {
        var initDb = await pgCtl.InitDbAsync(directory, cancellationToken).ConfigureAwait(false);
        if (!initDb.Succeeded)
        {
            var hint = pgCtl.User.SwitchTo is { } account
                ? $" It ran as the '{account}' account because PostgreSQL refuses to run as root."
                : "";
            throw PostgresUnavailableException.Because($"initdb failed in {directory.Data}.{hint}", initDb.Describe());
        }

        string[] lines = [.. Settings, $"unix_socket_directories = '{directory.Socket}'"];
        await File.AppendAllLinesAsync(Path.Combine(directory.Data, "postgresql.conf"), lines, cancellationToken).ConfigureAwait(false);
    }

    // Another process can grab the probed port before the postmaster binds it; then try another one.
    private static async Task<int> StartOnFreePortAsync(PgCtl pgCtl, ClusterDirectory directory, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            File.Delete(directory.Log);
            var start = await pgCtl.StartAsync(directory, port, cancellationToken).ConfigureAwait(false);
            if (start.Succeeded)
            {
                return port;
            }

            var log = directory.ReadLog();
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || attempt == PortAttempts)
            {
                throw PostgresUnavailableException.Because(
                    $"pg_ctl start failed on 127.0.0.1:{port} (attempt {attempt} of {PortAttempts}).",
                    $"{start.Describe()}{Environment.NewLine}--- {directory.Log} ---{Environment.NewLine}{log}");
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    // pg_ctl -w already waited for "ready"; this proves it end to end over TCP, as the tests will connect.
    private static async Task WaitUntilAcceptingAsync(string connectionString, ClusterDirectory directory, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (waited.Elapsed < ConnectTimeout)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException e)
            {
                throw PostgresUnavailableException.Because(
                    $"the server started but refused connections for {ConnectTimeout.TotalSeconds:0}s ({e.Message}).",
                    directory.ReadLog(),
                    e);
            }
        }
    }

    // Covers programs that return from Main or call Environment.Exit without disposing. Since .NET 10 SIGTERM
    // no longer raises ProcessExit, so killed processes are left to the next run's StaleClusterSweeper.
    private void StopOnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
