using System.Data;
using System.Data.Common;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Sql;

public abstract partial class SqlStore
{
    public async Task<BatchTransaction> BeginBatchAsync(CancellationToken ct) =>
        new(this, await Connection.BeginTransactionAsync(ct));

    /// <summary>
    /// Writes one batch inside the caller's transaction. Every UPDATE is NULL-guarded in SQL (or,
    /// with overwrite, changes only values that differ), so a value written meanwhile by live
    /// ingestion is never overwritten. This default issues one prepared statement per row, which is
    /// the fast way on an embedded database; network stores override it with set-based SQL.
    /// </summary>
    public virtual async Task<WriteResult> WriteAsync(JobSql job, WriteSet set, bool overwrite, DbTransaction tx, CancellationToken ct)
    {
        var updated = new HashSet<long>(set.UpdateKeys.Count);
        var inserted = new HashSet<long>(set.InsertKeys.Count);
        var retry = new List<int>();

        if (set.InsertKeys.Count > 0)
        {
            await using var insert = Command(InsertSql(job), tx);
            var key = Param(insert, "@k", DbType.Int64);
            var carry = job.Carry.Select((_, i) => Param(insert, $"@c{i}", null)).ToArray();
            var values = job.Targets.Select((_, i) => Param(insert, $"@v{i}", DbType.Double)).ToArray();
            await insert.PrepareAsync(ct);
            for (var row = 0; row < set.InsertKeys.Count; row++)
            {
                key.Value = set.InsertKeys[row];
                for (var i = 0; i < carry.Length; i++) carry[i].Value = set.InsertCarry[row * carry.Length + i] ?? DBNull.Value;
                for (var i = 0; i < values.Length; i++) values[i].Value = set.InsertValues[row * set.Width + i] ?? (object)DBNull.Value;
                if (await insert.ExecuteNonQueryAsync(ct) == 1) inserted.Add(set.InsertKeys[row]);
                else retry.Add(row); // the derived row appeared meanwhile: fill it like any other
            }
        }

        if (set.UpdateKeys.Count > 0 || retry.Count > 0)
        {
            var rows = Enumerable.Range(0, set.UpdateKeys.Count).Select(row => (set.UpdateKeys[row], set.UpdateValues, row * set.Width))
                .Concat(retry.Select(row => (set.InsertKeys[row], set.InsertValues, row * set.Width)));
            await UpdateEachAsync(job, overwrite, tx, rows, updated, ct);
        }
        return new WriteResult(updated, inserted);
    }

    /// <summary>
    /// One NULL-guarded UPDATE per row (the values of a row are <c>Width</c> entries of its list from its offset);
    /// adds the keys whose row changed to <paramref name="updated"/>.
    /// </summary>
    protected virtual async Task UpdateEachAsync(JobSql job, bool overwrite, DbTransaction tx,
        IEnumerable<(long Key, List<double?> Values, int Offset)> rows, HashSet<long> updated, CancellationToken ct)
    {
        await using var update = Command(UpdateSql(job, overwrite), tx);
        var key = Param(update, "@k", DbType.Int64);
        var values = job.Targets.Select((_, i) => Param(update, $"@v{i}", DbType.Double)).ToArray();
        await update.PrepareAsync(ct);
        foreach (var (k, source, offset) in rows)
        {
            key.Value = k;
            for (var i = 0; i < values.Length; i++) values[i].Value = source[offset + i] ?? (object)DBNull.Value;
            if (await update.ExecuteNonQueryAsync(ct) == 1) updated.Add(k);
        }
    }

    protected DbParameter Param(DbCommand cmd, string name, DbType? type)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        if (type is { } t) p.DbType = t;
        p.Value = DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    protected static string InsertSql(JobSql job)
    {
        var cols = new[] { job.Job.Target.Key }.Concat(job.Carry).Concat(job.Targets).Select(Quote);
        var values = new[] { "@k" }.Concat(job.Carry.Select((_, i) => $"@c{i}")).Concat(job.Targets.Select((_, i) => $"@v{i}"));
        return $"INSERT INTO {Quote(job.Job.Target.Table)} ({string.Join(", ", cols)}) VALUES ({string.Join(", ", values)}) "
            + $"ON CONFLICT ({Quote(job.Job.Target.Key)}) DO NOTHING";
    }

    protected string UpdateSql(JobSql job, bool overwrite)
    {
        var t = job.Targets;
        var set = string.Join(", ", t.Select((c, i) => overwrite
            ? $"{Quote(c)} = COALESCE(@v{i}, {Quote(c)})"
            : $"{Quote(c)} = COALESCE({Quote(c)}, @v{i})"));
        var changes = string.Join(" OR ", t.Select((c, i) => overwrite
            ? $"(@v{i} IS NOT NULL AND {Dialect.IsDistinct(Quote(c), $"@v{i}")})"
            : $"({Quote(c)} IS NULL AND @v{i} IS NOT NULL)"));
        return $"UPDATE {Quote(job.Job.Target.Table)} SET {set} WHERE {Quote(job.Job.Target.Key)} = @k AND ({changes})";
    }
}
