using System.Data.Common;
using Backfill.Core.Runs;

namespace Backfill.Core.Sql;

public abstract partial class SqlStore
{
    private void AddWindow(DbCommand cmd, JobSql job)
    {
        if (job.Window.From is { } f) AddParameter(cmd, "@from", f);
        if (job.Window.To is { } t) AddParameter(cmd, "@to", t);
    }

    /// <summary>Smallest and largest source key in the window; null when there are no rows.</summary>
    public async Task<(long Min, long Max)?> BoundsAsync(JobSql job, CancellationToken ct)
    {
        await using var cmd = Command(job.Bounds);
        AddWindow(cmd, job);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.IsDBNull(0)) return null;
        return (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)));
    }

    public async Task<long> CountCandidatesAsync(JobSql job, long after, long max, CancellationToken ct)
    {
        await using var cmd = Command(job.CountCandidates, null, ("@after", after), ("@max", max));
        AddWindow(cmd, job);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>The next rows after a key, in key order: only candidates (a target NULL or the derived row missing) or all.</summary>
    public virtual async Task<RowBatch> ReadAsync(JobSql job, long after, long max, int limit, bool candidatesOnly, CancellationToken ct)
    {
        var batch = new RowBatch(limit, job.Inputs.Count, job.Carry.Count, job.Targets.Count);
        await using var cmd = Command(candidatesOnly ? job.SelectCandidates : job.SelectRows, null,
            ("@after", after), ("@max", max), ("@limit", limit));
        AddWindow(cmd, job);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var textInput = Enumerable.Range(0, batch.InputWidth).Select(i => r.GetFieldType(job.InputOffset + i) == typeof(string)).ToArray();
        var n = 0;
        while (await r.ReadAsync(ct))
        {
            batch.Keys[n] = r.GetInt64(0);
            batch.HasTarget[n] = Convert.ToInt64(r.GetValue(1)) == 1;
            for (var i = 0; i < batch.InputWidth; i++)
                batch.Inputs[n * batch.InputWidth + i] = r.IsDBNull(job.InputOffset + i) ? null
                    : job.Utf8Text && textInput[i] ? ReadUtf8(r, job.InputOffset + i, batch.Text) : r.GetValue(job.InputOffset + i);
            // Carried columns only go into a derived row that does not exist yet: no objects for the others.
            for (var i = 0; i < batch.CarryWidth && !batch.HasTarget[n]; i++)
                batch.Carry[n * batch.CarryWidth + i] = r.IsDBNull(job.CarryOffset + i) ? null : r.GetValue(job.CarryOffset + i);
            for (var i = 0; i < batch.TargetWidth; i++)
                batch.Current[n * batch.TargetWidth + i] = r.IsDBNull(job.TargetOffset + i) ? null : r.GetDouble(job.TargetOffset + i);
            n++;
        }
        batch.Count = n;
        return batch;
    }

    /// <summary>A text column for a processor that takes UTF-8: the store's cheapest way to bytes (a string where that is cheaper).</summary>
    protected virtual object ReadUtf8(DbDataReader r, int ordinal, TextArena arena) => r.GetValue(ordinal);

    /// <summary>Every row (or every candidate) of the job in key order, a batch at a time: for read-only scans.</summary>
    public async IAsyncEnumerable<RowBatch> ScanAsync(JobSql job, bool candidatesOnly, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await BoundsAsync(job, ct) is not { } bounds) yield break;
        var after = bounds.Min - 1;
        while (true)
        {
            var rows = await ReadAsync(job, after, bounds.Max, batchSize, candidatesOnly, ct);
            if (rows.Count == 0) yield break;
            yield return rows;
            rows.ReleaseValues(); // the consumer is done with this batch
            after = rows.Keys[rows.Count - 1];
        }
    }

    /// <summary>NULL counts of the job's target columns, over everything and over the last 7 days of data.</summary>
    public async Task<NullStats> NullStatsAsync(JobSql job, CancellationToken ct)
        => await WithRecentAsync(job, await CountNullsAsync(job, job.NullStats, null, ct), ct);

    /// <summary>
    /// <see cref="NullStatsAsync"/>, the candidates (a target NULL or the derived row missing) and the key bounds of
    /// the whole table from one scan; the bounds are null when the table is empty.
    /// </summary>
    public async Task<(NullStats Nulls, (long Min, long Max)? Bounds, long Candidates)> NullStatsAndCandidatesAsync(JobSql job, CancellationToken ct)
    {
        NullCounts all;
        long candidates;
        (long, long)? bounds;
        await using (var cmd = Command(job.NullStatsAndCandidates))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            all = Counts(r, 0, job.Targets);
            var at = 2 + job.Targets.Count;
            candidates = Convert.ToInt64(r.GetValue(at));
            bounds = r.IsDBNull(at + 1) ? null : (Convert.ToInt64(r.GetValue(at + 1)), Convert.ToInt64(r.GetValue(at + 2)));
        }
        return (await WithRecentAsync(job, all, ct), bounds, candidates);
    }

    private async Task<NullStats> WithRecentAsync(JobSql job, NullCounts all, CancellationToken ct)
    {
        if (job.TimeRange.Length == 0) return new NullStats { All = all };
        var (oldest, newest) = await TimeRangeAsync(job, ct);
        if (newest is null) return new NullStats { All = all };
        var since = newest.Value.AddDays(-7);
        // When every row is recent (a table younger than the window), a second scan would count the same rows.
        var everyRowRecent = oldest >= since && await ScalarAsync(job.AnyUntimed, ct) is null or DBNull;
        var recent = everyRowRecent ? all : await CountNullsAsync(job, job.NullStatsRecent, since, ct);
        return new NullStats { All = all, Recent = recent, RecentSince = since };
    }

    private async Task<(DateTime? Oldest, DateTime? Newest)> TimeRangeAsync(JobSql job, CancellationToken ct)
    {
        await using var cmd = Command(job.TimeRange);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (ReadTime(r.GetValue(0)), ReadTime(r.GetValue(1)));
    }

    private async Task<NullCounts> CountNullsAsync(JobSql job, string sql, DateTime? since, CancellationToken ct)
    {
        await using var cmd = Command(sql);
        if (since is { } s) AddParameter(cmd, "@since", s);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return Counts(r, 0, job.Targets);
    }

    private static NullCounts Counts(DbDataReader r, int offset, IReadOnlyList<string> targets)
    {
        long At(int i) => r.IsDBNull(offset + i) ? 0 : Convert.ToInt64(r.GetValue(offset + i));
        var nulls = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++) nulls[targets[i]] = At(2 + i);
        return new NullCounts { SourceRows = At(0), DerivedRows = At(1), Nulls = nulls };
    }
}
