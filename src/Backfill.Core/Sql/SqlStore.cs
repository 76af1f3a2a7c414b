using System.Data.Common;
using Backfill.Core.Jobs;
using Backfill.Core.Processing;

namespace Backfill.Core.Sql;

/// <summary>
/// A database the engine works in: the user's tables plus the engine's ledger. Shared ADO.NET code;
/// each store supplies its dialect and may replace the batch write with a faster one.
/// </summary>
public abstract partial class SqlStore : IAsyncDisposable
{
    protected SqlStore(DbConnection connection, SqlDialect dialect, TimeProvider clock)
    {
        Connection = connection;
        Dialect = dialect;
        Clock = clock;
    }

    public DbConnection Connection { get; }
    public SqlDialect Dialect { get; }
    protected TimeProvider Clock { get; }

    /// <summary>Human description of where this store points (no password).</summary>
    public abstract string Describe();

    /// <summary>Another connection to the same database (the run loop reads ahead on it).</summary>
    public abstract Task<SqlStore> OpenSiblingAsync(CancellationToken ct);

    /// <summary>Whether batches may be written on several sessions at once (<c>--writers</c>); an embedded store has one writer.</summary>
    public virtual bool ConcurrentWriters => false;

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    public DbCommand Command(string sql, DbTransaction? tx = null)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    public virtual void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    public DbCommand Command(string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = Command(sql, tx);
        foreach (var (n, v) in parameters) AddParameter(cmd, n, v);
        return cmd;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(sql, null, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(sql, null, parameters);
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is DBNull ? null : v;
    }

    /// <summary>Reads a timestamp as UTC whatever the store returned (SQLite keeps text).</summary>
    public static DateTime? ReadTime(object? value) => value switch
    {
        null or DBNull => null,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        string s => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        _ => throw new InvalidCastException($"Not a timestamp: {value}"),
    };

    /// <summary>Checks that the job's tables and columns exist and builds its SQL.</summary>
    public async Task<JobSql> PrepareAsync(JobSpec job, IProcessor processor, TimeWindow window, CancellationToken ct)
    {
        var sourceTypes = await RequireColumnsAsync(job.Source.Table, job.Source.Columns.Append(job.Source.Key), ct);
        foreach (var lookup in job.Source.Lookups)
            await RequireColumnsAsync(lookup.Table, lookup.Columns.Append(lookup.On), ct);
        await RequireColumnsAsync(job.Target.Table, job.Target.Columns.Select(c => c.Column).Concat(job.Target.Carry).Append(job.Target.Key), ct);
        if ((window.From is not null || window.To is not null) && job.Source.TimeColumn is null)
            throw new JobSpecException($"Job '{job.Name}' has no source time column, so --from/--to cannot apply.");
        return new JobSql(job, processor.Inputs, Dialect, sourceTypes, window) { Utf8Text = processor.TakesUtf8Text };
    }

    private async Task<IReadOnlyDictionary<string, string>> RequireColumnsAsync(string table, IEnumerable<string> columns, CancellationToken ct)
    {
        var types = await Dialect.ColumnTypesAsync(Connection, table, ct);
        if (types.Count == 0)
            throw new SchemaException($"Table '{table}' does not exist in {Describe()}. Run 'backfill migrate' first.");
        var missing = columns.Distinct().Where(c => !types.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new SchemaException($"Table '{table}' has no column(s) {string.Join(", ", missing)}. Run 'backfill migrate' (or add the column for a custom job).");
        return types;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The database lacks a table or column a command needs.</summary>
public sealed class SchemaException(string message) : Exception(message);

/// <summary>The database cannot be reached or opened.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
