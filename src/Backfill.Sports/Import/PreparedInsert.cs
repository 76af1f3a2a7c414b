using System.Data;
using System.Data.Common;
using Backfill.Core.Sql;

namespace Backfill.Sports.Import;

/// <summary>
/// One prepared "INSERT ... ON CONFLICT DO NOTHING" reused for every row of a file. Parameters carry their type,
/// so a NULL binds as that type and PostgreSQL can keep the statement prepared whatever the row holds.
/// </summary>
internal sealed class PreparedInsert : IAsyncDisposable
{
    private readonly DbCommand _command;

    private PreparedInsert(DbCommand command) => _command = command;

    public static async Task<PreparedInsert> CreateAsync(SqlStore store, DbTransaction tx, string table,
        IReadOnlyList<(string Column, DbType Type)> columns, IReadOnlyList<string> key, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => c.Column));
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        var sql = $"INSERT INTO {table} ({names}) VALUES ({values}) ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        var cmd = store.Command(sql, tx);
        for (var i = 0; i < columns.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.DbType = columns[i].Type;
            p.Value = DBNull.Value;
            cmd.Parameters.Add(p);
        }
        await cmd.PrepareAsync(ct);
        return new PreparedInsert(cmd);
    }

    /// <summary>Inserts one row (values in column order); false when a row with its key was already there.</summary>
    public async Task<bool> InsertAsync(IReadOnlyList<object?> values, CancellationToken ct)
    {
        for (var i = 0; i < values.Count; i++) _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return await _command.ExecuteNonQueryAsync(ct) == 1;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
