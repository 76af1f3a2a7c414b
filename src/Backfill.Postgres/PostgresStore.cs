using System.Data.Common;
using System.Globalization;
using Backfill.Core.Sql;
using Npgsql;
using NpgsqlTypes;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Postgres;

/// <summary>
/// PostgreSQL: each batch is written set-based: the inserts with array parameters (unnest), the updates
/// through a COPY-staged UPDATE (<see cref="StagedUpdate"/>) or, with BACKFILL_PG_WRITE=unnest, array parameters.
/// </summary>
public sealed partial class PostgresStore : SqlStore
{
    private readonly string _description;
    private readonly string _connectionString;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _columnTypes = new(StringComparer.Ordinal);

    private PostgresStore(NpgsqlConnection connection, string connectionString, string description, TimeProvider clock)
        : base(connection, new PostgresDialect(), clock)
    {
        _connectionString = connectionString;
        _description = description;
    }

    public static async Task<PostgresStore> OpenAsync(string db, TimeProvider clock, CancellationToken ct)
    {
        var cs = PostgresConnectionString.ToNpgsql(db);
        var connection = new NpgsqlConnection(cs);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            var cause = e.InnerException is { } inner ? $" ({inner.Message})" : "";
            throw new StoreUnavailableException($"Cannot connect to {PostgresConnectionString.Describe(cs)}: {e.Message}{cause}", e);
        }
        return new PostgresStore(connection, cs, PostgresConnectionString.Describe(cs), clock);
    }

    public override string Describe() => _description;

    public override async Task<SqlStore> OpenSiblingAsync(CancellationToken ct) => await OpenAsync(_connectionString, Clock, ct);

    public override bool ConcurrentWriters => true;

    // Text arrives from the server as UTF-8: hand those bytes over instead of decoding them into a string.
    protected override object ReadUtf8(DbDataReader r, int ordinal, TextArena arena)
    {
        using var stream = r.GetStream(ordinal);
        var bytes = arena.Allocate((int)stream.Length);
        stream.ReadExactly(bytes.Span);
        return (ReadOnlyMemory<byte>)bytes;
    }

    /// <summary>Multi-row VALUES: one round trip per few hundred rows instead of one per row.</summary>
    protected override async Task InsertRowsAsync(DbTransaction tx, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var types = columns.Select((_, i) => DbTypeOf(rows, i)).ToArray();
        var perStatement = Math.Max(1, Math.Min(500, 30_000 / columns.Count));
        for (var first = 0; first < rows.Count; first += perStatement)
        {
            var chunk = rows.Skip(first).Take(perStatement).ToList();
            var values = string.Join(", ", chunk.Select((_, r) => $"({string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}"))})"));
            await using var insert = Command($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES {values}", tx);
            for (var r = 0; r < chunk.Count; r++)
                for (var c = 0; c < columns.Count; c++)
                    Param(insert, $"@p{r}_{c}", types[c]).Value = chunk[r][c] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    public override async Task<WriteResult> WriteAsync(JobSql job, WriteSet set, bool overwrite, DbTransaction tx, CancellationToken ct)
    {
        var inserted = set.InsertKeys.Count > 0 ? await InsertAsync(job, set, tx, ct) : [];
        var (keys, values) = UpdatesWithRowsThatAppeared(set, inserted);
        HashSet<long> updated = keys.Count == 0 ? []
            : StagedUpdate.Enabled ? await StagedUpdate.UpdateAsync((NpgsqlConnection)Connection, (NpgsqlTransaction)tx, job, overwrite, keys, values, set.Width, ct)
            : await UnnestUpdateAsync(job, overwrite, keys, values, set.Width, tx, ct);
        return new WriteResult(updated, inserted);
    }

    private async Task<HashSet<long>> InsertAsync(JobSql job, WriteSet set, DbTransaction tx, CancellationToken ct)
    {
        var inserted = new HashSet<long>(set.InsertKeys.Count);
        await using var cmd = InsertCommand(job, set, await TargetTypesAsync(job, tx, ct), tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) inserted.Add(r.GetInt64(0));
        return inserted;
    }

    /// <summary>
    /// The planned updates, plus the rows to insert that appeared meanwhile (live ingestion): those are filled like
    /// any existing row. Without such rows, the set's own lists: a copy of them for every batch was ~2 MB of garbage
    /// (tier-a), and the set stays as planned for the run's failure path either way.
    /// </summary>
    private static (List<long> Keys, List<double?> Values) UpdatesWithRowsThatAppeared(WriteSet set, HashSet<long> inserted)
    {
        if (inserted.Count == set.InsertKeys.Count) return (set.UpdateKeys, set.UpdateValues);
        var keys = new List<long>(set.UpdateKeys);
        var values = new List<double?>(set.UpdateValues);
        for (var row = 0; row < set.InsertKeys.Count; row++)
        {
            if (inserted.Contains(set.InsertKeys[row])) continue;
            keys.Add(set.InsertKeys[row]);
            for (var i = 0; i < set.Width; i++) values.Add(set.InsertValues[row * set.Width + i]);
        }
        return (keys, values);
    }

    private async Task<HashSet<long>> UnnestUpdateAsync(JobSql job, bool overwrite, List<long> keys, List<double?> values, int width,
        DbTransaction tx, CancellationToken ct)
    {
        var updated = new HashSet<long>(keys.Count);
        await using var cmd = UpdateCommand(job, overwrite, keys, values, width, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) updated.Add(r.GetInt64(0));
        return updated;
    }

    private NpgsqlCommand UpdateCommand(JobSql job, bool overwrite, List<long> keys, List<double?> values, int width, DbTransaction tx)
    {
        var t = job.Targets;
        var set = string.Join(", ", t.Select((c, i) => overwrite
            ? $"{Quote(c)} = COALESCE(v.v{i}, d.{Quote(c)})"
            : $"{Quote(c)} = COALESCE(d.{Quote(c)}, v.v{i})"));
        var changes = string.Join(" OR ", t.Select((c, i) => overwrite
            ? $"(v.v{i} IS NOT NULL AND d.{Quote(c)} IS DISTINCT FROM v.v{i})"
            : $"(d.{Quote(c)} IS NULL AND v.v{i} IS NOT NULL)"));
        var key = Quote(job.Job.Target.Key);
        var sql = $"UPDATE {Quote(job.Job.Target.Table)} AS d SET {set} "
            + $"FROM unnest(@k{string.Concat(t.Select((_, i) => $", @v{i}"))}) AS v(k{string.Concat(t.Select((_, i) => $", v{i}"))}) "
            + $"WHERE d.{key} = v.k AND ({changes}) RETURNING d.{key}";
        var cmd = (NpgsqlCommand)Command(sql, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("k", keys.ToArray()));
        for (var i = 0; i < t.Count; i++)
            cmd.Parameters.Add(new NpgsqlParameter<double?[]>($"v{i}", Column(values, width, i, keys.Count)) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        return cmd;
    }

    private NpgsqlCommand InsertCommand(JobSql job, WriteSet set, IReadOnlyDictionary<string, string> types, DbTransaction tx)
    {
        var n = set.InsertKeys.Count;
        var cols = new[] { job.Job.Target.Key }.Concat(job.Carry).Concat(job.Targets).Select(Quote);
        var select = new[] { "v.k" }
            .Concat(job.Carry.Select((c, i) => $"v.c{i}::{types[c]}"))
            .Concat(job.Targets.Select((_, i) => $"v.v{i}"));
        var args = new[] { "@k" }.Concat(job.Carry.Select((_, i) => $"@c{i}")).Concat(job.Targets.Select((_, i) => $"@v{i}"));
        var names = new[] { "k" }.Concat(job.Carry.Select((_, i) => $"c{i}")).Concat(job.Targets.Select((_, i) => $"v{i}"));
        var sql = $"INSERT INTO {Quote(job.Job.Target.Table)} ({string.Join(", ", cols)}) "
            + $"SELECT {string.Join(", ", select)} FROM unnest({string.Join(", ", args)}) AS v({string.Join(", ", names)}) "
            + $"ON CONFLICT ({Quote(job.Job.Target.Key)}) DO NOTHING RETURNING {Quote(job.Job.Target.Key)}";
        var cmd = (NpgsqlCommand)Command(sql, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("k", set.InsertKeys.ToArray()));
        for (var i = 0; i < job.Carry.Count; i++)
        {
            var texts = new string?[n];
            for (var row = 0; row < n; row++) texts[row] = AsText(set.InsertCarry[row * job.Carry.Count + i]);
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>($"c{i}", texts) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
        for (var i = 0; i < job.Targets.Count; i++)
            cmd.Parameters.Add(new NpgsqlParameter<double?[]>($"v{i}", Column(set.InsertValues, set.Width, i, n)) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        return cmd;
    }

    private static double?[] Column(List<double?> values, int width, int column, int rows)
    {
        var result = new double?[rows];
        for (var row = 0; row < rows; row++) result[row] = values[row * width + column];
        return result;
    }

    // Carried values travel as text and are cast to the target column's type by the server.
    private static string? AsText(object? value) => value switch
    {
        null => null,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private async Task<IReadOnlyDictionary<string, string>> TargetTypesAsync(JobSql job, DbTransaction tx, CancellationToken ct)
    {
        var table = job.Job.Target.Table;
        if (!_columnTypes.TryGetValue(table, out var types))
            _columnTypes[table] = types = await Dialect.ColumnTypesAsync(Connection, table, ct, tx);
        return types;
    }
}
