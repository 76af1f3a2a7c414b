using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.Postgres;

namespace Backfill.Bench;

/// <summary>
/// The engine's run loop (<see cref="BackfillRunner"/>) replayed in-process with the same public calls in the
/// same order, with a stopwatch around each phase: store.ReadAsync, BatchPlanner.Build, the batch write
/// (tx.WriteAsync), the ledger record (tx.RecordAsync) and the commit. When the server runs on this machine the
/// CPU time of the connection's server backend (/proc/&lt;pid&gt;/stat) is split the same way, and this
/// process's own CPU time too, so "waiting for PostgreSQL" and "working in .NET" can be told apart.
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

    public sealed record Profile(int BatchSize, long Processed, long Batches, TimeSpan Total, IReadOnlyList<Phase> Phases,
        bool HasServerCpu, ComputeSplit Compute, long ReadBytes);

    /// <summary>Per-row cost of the computation alone, on a sample of payloads read back from the database.</summary>
    public sealed record ComputeSplit(int Rows, double ParseUs, double ComputeUs, double BuildUs);

    public static async Task<Profile> RunAsync(string connectionString, int batchSize, TextWriter log, CancellationToken ct)
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

        Phase open = new("open + prepare"), nullsBefore = new("NULL stats before + bounds + count"), read = new("read (store.ReadAsync)"),
            build = new("compute (BatchPlanner.Build)"), begin = new("begin transaction"), write = new("write (tx.WriteAsync)"),
            record = new("ledger (tx.RecordAsync)"), commit = new("commit"), nullsAfter = new("NULL stats after + finish");
        var total = Stopwatch.StartNew();
        var server = new CpuClock(null);
        var client = new CpuClock(Environment.ProcessId);

        async Task<T> Timed<T>(Phase phase, Func<Task<T>> body)
        {
            var (w, s, c) = (Stopwatch.GetTimestamp(), server.Read(), client.Read());
            var result = await body();
            phase.Wall += Stopwatch.GetElapsedTime(w);
            phase.ServerCpu += server.Read() - s;
            phase.ClientCpu += client.Read() - c;
            phase.Calls++;
            return result;
        }

        var store = await Timed(open, async () => await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct));
        await using var _ = store;
        await using (var pid = store.Command("SELECT pg_backend_pid()"))
            server = new CpuClock(Convert.ToInt32(await pid.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
        var sql = await Timed(open, () => store.PrepareAsync(job, processor, TimeWindow.All, ct));

        var (run, max) = await Timed(nullsBefore, async () =>
        {
            var before = await store.NullStatsAsync(sql, ct);
            var bounds = await store.BoundsAsync(sql, ct);
            var candidates = bounds is null ? 0 : await store.CountCandidatesAsync(sql, bounds.Value.Min - 1, bounds.Value.Max, ct);
            var created = await store.CreateRunAsync(job.Name, settings, bounds, candidates, before, ct);
            return (created, bounds?.Max ?? 0);
        });

        var planner = new BatchPlanner(computer, sql.Targets.Count, overwrite: false);
        var after = run.CheckpointKey ?? long.MinValue;
        long processed = 0, batches = 0, readBytes = 0;
        var tally = new OutcomeTally();
        var sample = new List<object?[]>();
        while (true)
        {
            var rows = await Timed(read, () => store.ReadAsync(sql, after, max, batchSize, candidatesOnly: true, ct));
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
                await Timed(record, async () => { await tx.RecordAsync(run with { CheckpointKey = after }, batch, JsonSerializer.Serialize(merged.Reasons), errors, ct); return 0; });
                await Timed(commit, async () => { await tx.CommitAsync(ct); return 0; });
            }
            tally.Add(plan.Tally);
            after = lastKey;
            processed += rows.Count;
            batches++;
            if (batches % 400 == 0) log.WriteLine($"  profile: {processed:N0} rows, {total.Elapsed.TotalSeconds:0.0}s");
        }

        await Timed(nullsAfter, async () =>
        {
            var nulls = await store.NullStatsAsync(sql, CancellationToken.None);
            await store.FinishRunAsync(run.RunId, RunStates.Completed, nulls, null, CancellationToken.None);
            return 0;
        });
        var elapsed = total.Elapsed;
        return new Profile(batchSize, processed, batches, elapsed, [open, nullsBefore, read, build, begin, write, record, commit, nullsAfter],
            server.Available, MeasureCompute(processor, job, sample), readBytes);
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

    // RowBatch.Count has an internal setter; the sample batch is filled here, outside the store.
    private static void SetCount(RowBatch batch, int count) =>
        typeof(RowBatch).GetProperty(nameof(RowBatch.Count))!.SetValue(batch, count);

    /// <summary>utime + stime of a process from /proc/&lt;pid&gt;/stat (10 ms ticks); zero when unreadable.</summary>
    private sealed class CpuClock(int? pid)
    {
        private static readonly double TickSeconds = 1.0 / 100; // USER_HZ is 100 on Linux

        public bool Available => pid is { } p && File.Exists($"/proc/{p}/stat");

        public TimeSpan Read()
        {
            if (pid is not { } p) return TimeSpan.Zero;
            try
            {
                var stat = File.ReadAllText($"/proc/{p}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromSeconds(ticks * TickSeconds);
            }
            catch (IOException) { return TimeSpan.Zero; }
        }
    }
}
