using System.Collections.Concurrent;
using System.Text;
using Npgsql;
using Xunit;

namespace Backfill.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests: the one named by BACKFILL_TEST_PG, or else a throwaway cluster started
/// from the machine's binaries (BACKFILL_PG_BIN overrides where they are). Use it as an xunit collection
/// fixture via <see cref="PostgresCollection"/>, or from other programs via <see cref="StartAsync"/>.
/// BACKFILL_TEST_PG_KEEP=1 leaves the cluster and its databases behind for debugging.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    private const int MaxIdentifierLength = 63;

    private readonly ConcurrentQueue<string> _createdDatabases = new();
    private LocalCluster? _cluster;
    private string? _adminConnectionString;
    private bool _keep;
    private int _disposed;

    /// <summary>Connection string to the 'postgres' database as a superuser.</summary>
    public string AdminConnectionString =>
        _adminConnectionString ?? throw new InvalidOperationException("The server is not started: call InitializeAsync, or use PostgresServer.StartAsync.");

    /// <summary>Starts (or connects to) a server for code outside xunit; dispose it to stop the server.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer();
        await server.StartCoreAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    public Task InitializeAsync() => StartCoreAsync(CancellationToken.None);

    /// <summary>Creates an empty, uniquely named database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null, CancellationToken cancellationToken = default)
    {
        var name = UniqueDatabaseName(namePrefix);
        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (create.ConfigureAwait(false))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _createdDatabases.Enqueue(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// A new database holding exactly what <paramref name="source"/> holds: CREATE DATABASE ... TEMPLATE copies the files,
    /// much faster than loading again. Its name comes from <see cref="CreateDatabaseAsync"/>, so it is dropped at the end.
    /// </summary>
    public async Task<string> CopyDatabaseAsync(string source, string purpose)
    {
        const string objectInUse = "55006";
        var target = await CreateDatabaseAsync(purpose).ConfigureAwait(false);
        var sourceName = new NpgsqlConnectionStringBuilder(source).Database!;
        var targetName = new NpgsqlConnectionStringBuilder(target).Database!;

        // A template must have no sessions: close the idle pooled connections the test opened to it.
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnection(AdminConnectionString);
        await using (admin.ConfigureAwait(false))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await ExecuteAsync(admin, $"DROP DATABASE \"{targetName}\"").ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(admin, $"CREATE DATABASE \"{targetName}\" TEMPLATE \"{sourceName}\"").ConfigureAwait(false);
                    return target;
                }
                catch (PostgresException e) when (e.SqlState == objectInUse && attempt < 50)
                {
                    await Task.Delay(100).ConfigureAwait(false); // a closed session's backend can take a moment to exit
                }
            }
        }

        static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _adminConnectionString is null)
        {
            return;
        }

        // Pooled connections would otherwise point at a server that is gone (or at dropped databases).
        NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            var stopHint = _cluster is null ? "" : $"; stop it with: {_cluster.StopCommand}";
            await Console.Error.WriteLineAsync($"{TestEnvironment.KeepVariable}: left PostgreSQL running at {_adminConnectionString}{stopHint}").ConfigureAwait(false);
            return;
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await DropCreatedDatabasesAsync().ConfigureAwait(false);
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (_adminConnectionString is not null)
        {
            return;
        }

        _keep = TestEnvironment.Keep;
        if (TestEnvironment.ExternalConnectionString is { } external)
        {
            _adminConnectionString = external;
            return;
        }

        _cluster = await LocalCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        _adminConnectionString = _cluster.ConnectionString;
        if (_keep)
        {
            // Kept from the start, so it also survives a debugger stop or a crash.
            _cluster.Keep();
            await Console.Error.WriteLineAsync(
                $"{TestEnvironment.KeepVariable}: PostgreSQL at {_adminConnectionString} (folder {_cluster.RootDirectory}) will be left running").ConfigureAwait(false);
        }
    }

    // A shared external server outlives the run, so clean up after ourselves there.
    private async Task DropCreatedDatabasesAsync()
    {
        try
        {
            var connection = new NpgsqlConnection(_adminConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync().ConfigureAwait(false);
                while (_createdDatabases.TryDequeue(out var name))
                {
                    var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                    await using (drop.ConfigureAwait(false))
                    {
                        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: leftover test databases are uniquely named and harmless.
        }
    }

    private static string UniqueDatabaseName(string? prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var cleaned = new StringBuilder();
        foreach (var c in (prefix ?? "test").ToLowerInvariant())
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var stem = cleaned.Length == 0 || !char.IsAsciiLetter(cleaned[0]) ? "db_" + cleaned : cleaned.ToString();
        var maxStem = MaxIdentifierLength - suffix.Length - 1;
        return $"{(stem.Length > maxStem ? stem[..maxStem] : stem)}_{suffix}";
    }
}
