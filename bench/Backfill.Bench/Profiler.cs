using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.Postgres;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Bench;

/// <summary>
/// The engine's run loop (<see cref="BackfillRunner"/>) replayed in-process with the same public calls in the
/// same order, with a stopwatch around each phase: store.ReadAsync, BatchPlanner.Build, the batch write
/// (tx.WriteAsync), the ledger record (tx.RecordAsync) and the commit. The CPU time of the connection's server
/// backend (/proc/&lt;pid&gt;/stat, when the server runs on this machine) and of this process are split the same way.
/// <para>
/// To stay short yet representative of a whole run, the loop runs over a few evenly spaced slices of the key
/// range (the checkpoint is moved to each slice's start), since per-batch costs may depend on the position.
/// </para>
/// <para>
/// What-if mode (<c>boundedJoin</c>): reads with the candidate query's derived-table join also bounded by the
/// batch's key range (<c>LEFT JOIN d ON d.key = s.key AND d.key &gt; @after AND d.key &lt;= @max</c>); everything
/// else is the engine's own code. This only measures a proposed change; the engine is not modified.
/// </para>
/// </summary>
internal static class Profiler
{
    public sealed class Phase(string name)
    {
        public string Name { get; } = name;
        public TimeSpan Wall { get; set; }
        public TimeSpan ServerCpu { get; set; }
        public TimeSpan ClientCpu { get; set; }
        public long Calls { get; set; }
    }

    public sealed record Slice(long AfterKey, long Rows, TimeSpan Read, TimeSpan Loop);

    public sealed record Profile(string Label, int BatchSize, long Processed, long Batches, long TotalRows, TimeSpan Total,
        IReadOnlyList<Phase> Phases, IReadOnlyList<Slice> Slices, bool HasServerCpu, ComputeSplit? Compute, long ReadBytes)
    {
        public IEnumerable<Phase> LoopPhases => Phases.Where(p => !p.Name.StartsWith("NULL", StringComparison.Ordinal) && !p.Name.StartsWith("open", StringComparison.Ordinal));
        public TimeSpan FixedCost => Phases.Where(p => !LoopPhases.Contains(p)).Aggregate(TimeSpan.Zero, (a, p) => a + p.Wall);
        public double LoopUsPerRow => LoopPhases.Sum(p => p.Wall.TotalMicroseconds) / Math.Max(1, Processed);

        /// <summary>Whole-run estimate: the slices' loop cost per row times all rows, plus the once-per-run costs as measured.</summary>
        public double EstimatedRowsPerSecond => TotalRows / (FixedCost.TotalSeconds + (LoopUsPerRow * TotalRows / 1e6));
    }

    /// <summary>Per-row cost of the computation alone, on a sample of payloads read back from the database.</summary>
    public sealed record ComputeSplit(int Rows, double ParseUs, double ComputeUs, double BuildUs);

    public static async Task<Profile> RunAsync(string connectionString, int batchSize, int slices, long rowsPerSlice, bool boundedJoin,
        TextWriter log, CancellationToken ct)
    {
        var pack = new OrderBookPack();
        var processors = new ProcessorRegistry();
        foreach (var p in pack.Processors) processors.Add(p);
        var catalog = new JobCatalog(processors);
        foreach (var j in pack.Jobs) catalog.Add(j);
        var job = catalog.Get("tier-a");
        var processor = catalog.ProcessorOf(job);
        var computer = processor.Bind(job.Target.Columns.Select(c => c.Output).ToList());
        var settings = new RunSettings { BatchSize = batchSize };

        Phase open = new("open + prepare"), nullsBefore = new("NULL stats before + bounds + count + create run"),
            read = new(boundedJoin ? "read (bounded-join query, same reader code)" : "read (store.ReadAsync)"),
            build = new("compute (BatchPlanner.Build)"), begin = new("begin transaction"), write = new("write (tx.WriteAsync)"),
            record = new("ledger (tx.RecordAsync)"), commit = new("commit"), nullsAfter = new("NULL stats after + finish run");
        var total = Stopwatch.StartNew();
        int? backend = null;

        async Task<T> Timed<T>(Phase phase, Func<Task<T>> body)
        {
            var (w, s, c) = (Stopwatch.GetTimestamp(), Ticks(backend), Ticks(Environment.ProcessId));
            var result = await body();
            phase.Wall += Stopwatch.GetElapsedTime(w);
            phase.ServerCpu += TimeSpan.FromSeconds((Ticks(backend) - s) / 100.0);
            phase.ClientCpu += TimeSpan.FromSeconds((Ticks(Environment.ProcessId) - c) / 100.0);
            phase.Calls++;
            return result;
        }

        var store = await Timed(open, async () => await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct));
        await using var _ = store;
        await using (var pid = store.Command("SELECT pg_backend_pid()"))
            backend = Convert.ToInt32(await pid.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        if (EngineProcess.CpuTicks(backend.Value) is null) backend = null; // a remote server
        var sql = await Timed(open, () => store.PrepareAsync(job, processor, TimeWindow.All, ct));
        var boundedSql = BoundedCandidates(sql);

        var (run, min, max, candidates) = await Timed(nullsBefore, async () =>
        {
            var before = await store.NullStatsAsync(sql, ct);
            var bounds = await store.BoundsAsync(sql, ct);
            var count = bounds is null ? 0 : await store.CountCandidatesAsync(sql, bounds.Value.Min - 1, bounds.Value.Max, ct);
            var created = await store.CreateRunAsync(job.Name, settings, bounds, count, before, ct);
            return (created, bounds?.Min ?? 0, bounds?.Max ?? 0, count);
        });

        var planner = new BatchPlanner(computer, sql.Targets.Count, overwrite: false);
        long processed = 0, batches = 0, readBytes = 0;
        var tally = new OutcomeTally();
        var sample = new List<object?[]>();
        var sliceResults = new List<Slice>();
        var span = max - min + 1;
        for (var slice = 0; slice < slices; slice++)
        {
            // Centre each slice on (i + 0.5) / n of the key range: for a cost linear in the position this averages exactly.
            var after = Math.Max(min - 1, min - 1 + (long)(((slice + 0.5) * span / slices) - (rowsPerSlice / 2.0)));
            var sliceStart = after;
            await store.ExecuteAsync($"UPDATE {LedgerMigrations.Runs} SET checkpoint_key = @k WHERE run_id = @id", ct, ("@k", after), ("@id", run.RunId));
            long sliceRows = 0;
            var readBefore = read.Wall;
            var sliceWatch = Stopwatch.StartNew();
            while (sliceRows < rowsPerSlice)
            {
                var size = (int)Math.Min(batchSize, rowsPerSlice - sliceRows);
                var from = after;
                var rows = await Timed(read, () => boundedJoin
                    ? ReadBoundedAsync(store, sql, boundedSql, from, max, size, ct)
                    : store.ReadAsync(sql, from, max, size, candidatesOnly: true, ct));
                if (rows.Count == 0) break;
                for (var i = 0; i < rows.Count; i++)
                    if (rows.Inputs[i * rows.InputWidth] is string s) readBytes += s.Length;
                if (sample.Count < 20_000 && batches % 10 == 0)
                    for (var i = 0; i < rows.Count && sample.Count < 20_000; i++) sample.Add(rows.InputsOf(i).ToArray());

                var plan = await Timed(build, () => Task.FromResult(planner.Build(rows)));
                var lastKey = rows.Keys[rows.Count - 1];
                var tx = await Timed(begin, () => store.BeginBatchAsync(ct));
                await using (tx)
                {
                    var result = plan.Writes.IsEmpty
                        ? new WriteResult(new HashSet<long>(), new HashSet<long>())
                        : await Timed(write, () => tx.WriteAsync(sql, plan.Writes, false, ct));
                    var merged = new OutcomeTally(tally.Reasons);
                    merged.Add(plan.Tally);
                    var errors = plan.Errors.Take(Math.Max(0, 1000 - (int)tally.Errors)).Select(e => new RowError(run.RunId, e.Key, e.Reason, e.Message)).ToList();
                    var batch = new BatchRecord(run.RunId, batches + 1, rows.Keys[0], lastKey, rows.Count, result.Updated.Count, result.Inserted.Count,
                        plan.Tally.Skipped, plan.Tally.Errors, 0, DateTime.UtcNow);
                    await Timed(record, async () => { await tx.RecordAsync(run with { CheckpointKey = from }, batch, JsonSerializer.Serialize(merged.Reasons), errors, ct); return 0; });
                    await Timed(commit, async () => { await tx.CommitAsync(ct); return 0; });
                }
                tally.Add(plan.Tally);
                after = lastKey;
                processed += rows.Count;
                sliceRows += rows.Count;
                batches++;
            }
            sliceResults.Add(new Slice(sliceStart, sliceRows, read.Wall - readBefore, sliceWatch.Elapsed));
            log.WriteLine($"  slice {slice + 1}/{slices} from key {sliceStart:N0}: {sliceRows:N0} rows, read {(read.Wall - readBefore).TotalMicroseconds / Math.Max(1, sliceRows):0} µs/row, "
                + $"loop {sliceWatch.Elapsed.TotalMicroseconds / Math.Max(1, sliceRows):0} µs/row");
        }

        await Timed(nullsAfter, async () =>
        {
            var nulls = await store.NullStatsAsync(sql, CancellationToken.None);
            await store.FinishRunAsync(run.RunId, RunStates.Completed, nulls, null, CancellationToken.None);
            return 0;
        });
        return new Profile(boundedJoin ? "what-if: bounded derived join" : "engine as is", batchSize, processed, batches, candidates, total.Elapsed,
            [open, nullsBefore, read, build, begin, write, record, commit, nullsAfter], sliceResults, backend is not null,
            boundedJoin ? null : MeasureCompute(processor, job, sample), readBytes);
    }

    /// <summary>The candidate query with the derived-table join restricted to the batch's key range too.</summary>
    public static string BoundedCandidates(JobSql sql)
    {
        var key = Quote(sql.Job.Target.Key);
        var on = $"ON d.{key} = s.{Quote(sql.Job.Source.Key)}";
        if (!sql.SelectCandidates.Contains(on, StringComparison.Ordinal))
            throw new InvalidOperationException($"the candidate query no longer has '{on}'; update the what-if profile: {sql.SelectCandidates}");
        return sql.SelectCandidates.Replace(on, $"{on} AND d.{key} > @after AND d.{key} <= @max", StringComparison.Ordinal);
    }

    /// <summary>store.ReadAsync's reader loop, unchanged, over another SQL text.</summary>
    private static async Task<RowBatch> ReadBoundedAsync(SqlStore store, JobSql job, string text, long after, long max, int limit, CancellationToken ct)
    {
        var batch = new RowBatch(limit, job.Inputs.Count, job.Carry.Count, job.Targets.Count);
        await using var cmd = store.Command(text, null, ("@after", after), ("@max", max), ("@limit", limit));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var n = 0;
        while (await r.ReadAsync(ct))
        {
            batch.Keys[n] = r.GetInt64(0);
            batch.HasTarget[n] = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture) == 1;
            for (var i = 0; i < batch.InputWidth; i++)
                batch.Inputs[n * batch.InputWidth + i] = r.IsDBNull(job.InputOffset + i) ? null : r.GetValue(job.InputOffset + i);
            for (var i = 0; i < batch.CarryWidth; i++)
                batch.Carry[n * batch.CarryWidth + i] = r.IsDBNull(job.CarryOffset + i) ? null : r.GetValue(job.CarryOffset + i);
            for (var i = 0; i < batch.TargetWidth; i++)
                batch.Current[n * batch.TargetWidth + i] = r.IsDBNull(job.TargetOffset + i) ? null : r.GetDouble(job.TargetOffset + i);
            n++;
        }
        SetCount(batch, n);
        return batch;
    }

    /// <summary>Splits the computation of a sample of rows into JSON parsing and metric computation (best of 3 passes).</summary>
    private static ComputeSplit MeasureCompute(IProcessor processor, JobSpec job, List<object?[]> sample)
    {
        if (sample.Count == 0) return new ComputeSplit(0, 0, 0, 0);
        var computer = processor.Bind(job.Target.Columns.Select(c => c.Output).ToList());
        var values = new double?[job.Target.Columns.Count];
        var reasons = new string?[job.Target.Columns.Count];
        double Best(Action pass)
        {
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var w = Stopwatch.GetTimestamp();
                pass();
                best = Math.Min(best, Stopwatch.GetElapsedTime(w).TotalMicroseconds / sample.Count);
            }
            return best;
        }
        var parse = Best(() =>
        {
            foreach (var row in sample)
                if (row[0] is string s) MarketBookReader.TryRead(s, out _, out _);
        });
        var compute = Best(() =>
        {
            foreach (var row in sample) computer.Compute(row, values, reasons);
        });
        var planner = new BatchPlanner(computer, values.Length, overwrite: false);
        var batch = new RowBatch(sample.Count, sample[0].Length, 0, values.Length);
        for (var i = 0; i < sample.Count; i++)
        {
            batch.Keys[i] = i + 1;
            batch.HasTarget[i] = true;
            Array.Copy(sample[i], 0, batch.Inputs, i * batch.InputWidth, batch.InputWidth);
        }
        SetCount(batch, sample.Count);
        var build = Best(() => planner.Build(batch));
        return new ComputeSplit(sample.Count, parse, compute, build);
    }

    // RowBatch.Count has an internal setter; batches filled outside the store need it set.
    private static void SetCount(RowBatch batch, int count) =>
        typeof(RowBatch).GetProperty(nameof(RowBatch.Count))!.SetValue(batch, count);

    private static long Ticks(int? pid) => pid is { } p ? EngineProcess.CpuTicks(p) ?? 0 : 0;
}
