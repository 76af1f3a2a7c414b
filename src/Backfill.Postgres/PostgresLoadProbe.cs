using System.Data.Common;
using System.Globalization;
using Backfill.Core.Throttling;
using Npgsql;

namespace Backfill.Postgres;

/// <summary>
/// The load PostgreSQL shows, sampled on a connection of its own: client sessions running a statement
/// (pg_stat_activity, state 'active'), lock requests not granted (pg_locks) and the replicas' replay lag
/// (pg_stat_replication; null without replicas). The run's own connections and the probe's are not
/// counted. A role that is not a superuser needs pg_monitor (or pg_read_all_stats) to see other roles' sessions.
/// </summary>
public sealed class PostgresLoadProbe : ILoadProbe
{
    private const string Sql = """
        SELECT
          (SELECT count(*) FROM pg_stat_activity
            WHERE state = 'active' AND backend_type = 'client backend'
              AND pid <> pg_backend_pid() AND pid <> ALL(@own))::int,
          (SELECT count(*) FROM pg_locks
            WHERE NOT granted AND (pid IS NULL OR (pid <> pg_backend_pid() AND pid <> ALL(@own))))::int,
          (SELECT count(*) FROM pg_stat_replication)::int,
          (SELECT EXTRACT(EPOCH FROM max(replay_lag)) FROM pg_stat_replication)::float8
        """;

    private readonly NpgsqlConnection _connection;
    private readonly int[] _own;

    private PostgresLoadProbe(NpgsqlConnection connection, int[] own)
    {
        _connection = connection;
        _own = own;
    }

    public static async Task<PostgresLoadProbe> OpenAsync(string connectionString, IEnumerable<int> ownBackends, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new PostgresLoadProbe(connection, ownBackends.Distinct().ToArray());
    }

    /// <summary>The probe's own server process.</summary>
    public int BackendId => _connection.ProcessID;

    public async Task<LoadSample> SampleAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql, _connection);
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("own", _own));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var replicas = r.GetInt32(2);
        // A replica that is caught up and idle reports no replay_lag: no lag, not an unknown one.
        double? lag = replicas == 0 ? null : r.IsDBNull(3) ? 0 : r.GetDouble(3);
        return new LoadSample(r.GetInt32(0), r.GetInt32(1), lag);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    internal static async Task SetLocalTimeoutsAsync(NpgsqlConnection connection, DbTransaction tx, BatchTimeouts timeouts, CancellationToken ct)
    {
        var settings = new List<(string Name, TimeSpan Value)>();
        if (timeouts.LockTimeout is { } lockTimeout) settings.Add(("lock_timeout", lockTimeout));
        if (timeouts.StatementTimeout is { } statementTimeout) settings.Add(("statement_timeout", statementTimeout));
        if (settings.Count == 0) return;
        // set_config(..., is_local => true) is SET LOCAL with parameters: it ends with the batch's transaction.
        await using var cmd = new NpgsqlCommand(
            "SELECT " + string.Join(", ", settings.Select((_, i) => $"set_config(@n{i}, @v{i}, true)")), connection, (NpgsqlTransaction)tx);
        for (var i = 0; i < settings.Count; i++)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string>($"n{i}", settings[i].Name));
            cmd.Parameters.Add(new NpgsqlParameter<string>($"v{i}", Milliseconds(settings[i].Value)));
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Milliseconds(TimeSpan t) =>
        t <= TimeSpan.Zero ? "0" : ((long)Math.Ceiling(t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";

    internal static BatchTimeoutKind TimeoutKindOf(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => BatchTimeoutKind.LockTimeout,
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => BatchTimeoutKind.StatementTimeout,
        _ => BatchTimeoutKind.None,
    };
}

/// <summary>The store's throttling hooks (kept apart from the read and write paths).</summary>
public sealed partial class PostgresStore
{
    public override int? BackendId => ((NpgsqlConnection)Connection).ProcessID;

    public override async Task<ILoadProbe> OpenLoadProbeAsync(IReadOnlyCollection<int> ownBackends, CancellationToken ct) =>
        await PostgresLoadProbe.OpenAsync(_connectionString, ownBackends, ct);

    protected override Task ApplyBatchTimeoutsAsync(DbTransaction tx, BatchTimeouts timeouts, CancellationToken ct) =>
        PostgresLoadProbe.SetLocalTimeoutsAsync((NpgsqlConnection)Connection, tx, timeouts, ct);

    public override BatchTimeoutKind TimeoutKindOf(Exception e) => PostgresLoadProbe.TimeoutKindOf(e);

    public override Task DisableParallelWorkersAsync(CancellationToken ct) =>
        ExecuteAsync("SET max_parallel_workers_per_gather = 0", ct);
}
