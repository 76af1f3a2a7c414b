using Backfill.Core.Pipelines;
using Backfill.Core.Sql;

namespace Backfill.Sports.Tests.Support;

/// <summary>What the engine does with a processor's output, reduced for tests: replace the date's rows of its table.</summary>
internal static class PartitionWriter
{
    public static async Task<PartitionOutput> RunAsync(SqlStore store, IPartitionProcessor processor, DateOnly date, Season season)
    {
        var output = await processor.ComputeAsync(new PartitionContext(date, season, new SqlPartitionReader(store)), CancellationToken.None);
        await ReplaceAsync(store, processor, date, output);
        return output;
    }

    public static async Task ReplaceAsync(SqlStore store, IPartitionProcessor processor, DateOnly date, PartitionOutput output)
    {
        var table = processor.Spec.Table;
        await using var tx = await store.Connection.BeginTransactionAsync();
        await using (var delete = store.Command($"DELETE FROM {table} WHERE {processor.Spec.DateColumn} = @d", tx, ("@d", date)))
            await delete.ExecuteNonQueryAsync();
        var sql = $"INSERT INTO {table} ({string.Join(", ", processor.Columns)}) VALUES ({string.Join(", ", processor.Columns.Select((_, i) => $"@p{i}"))})";
        foreach (var row in output.Rows)
        {
            await using var insert = store.Command(sql, tx, row.Select((v, i) => ($"@p{i}", v)).ToArray());
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
