using System.Data;
using Backfill.Core.Sql;

namespace Backfill.Core.Pipelines;

/// <summary>Processor reads on a store connection of their own (slots run in parallel, each on its own connection).</summary>
public sealed class SqlPartitionReader(SqlStore store) : IPartitionReader
{
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<IDataRecord, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = store.Command(sql, null, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(map(r));
        return list;
    }
}
