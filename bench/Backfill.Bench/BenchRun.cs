using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Backfill.OrderBook.Schema;
using Backfill.Postgres;
using Backfill.Testing.Postgres;
using Npgsql;

namespace Backfill.Bench;

/// <summary>One engine run through the CLI, with what it was part of.</summary>
internal sealed record EngineRun(string Section, string Payload, long DataRows, EngineProcess.Result R);

/// <summary>
/// The whole benchmark, in this order (each timed step on a fresh copy of the generated data): the data sets; the
/// hardware reference; the row-by-row baseline; per payload the hand-written SQL UPDATE and Backfill's l1-sizes (their
/// results compared); tier-a per payload; SQLite; live interference; then, while the budget allows, more runs of the
/// engine figures for medians; last, when asked, the big set for peak memory. A section that fails is reported and
/// the others still run.
/// </summary>
internal sealed partial class BenchRun(BenchOptions options, string[] args, TextWriter log)
{
    // The runs with the engine's other PostgreSQL write (array parameters instead of COPY into a staging table).
    private const string UnnestSection = "unnest write";
    /// <summary>The jobs again with two writers (<c>--writers 2</c>): consecutive batches written at once on two sessions.</summary>
    private const string WritersSection = "writers 2";
    private static readonly string[] TwoWriters = ["--writers", "2"];
    private static readonly IReadOnlyDictionary<string, string> UnnestWrite = new Dictionary<string, string> { ["BACKFILL_PG_WRITE"] = "unnest" };

    private readonly Stopwatch _everything = Stopwatch.StartNew();
    private readonly MachineFacts _machine = MachineFacts.Collect();
    private readonly double _loadAtStart = EngineProcess.LoadAverage();
    private readonly TimeSpan _calibrationAtStart = CpuCalibration.Measure();
    private TimeSpan _calibrationAtEnd;
    private readonly Dictionary<string, PostgresBench.Generated> _sets = new(StringComparer.Ordinal);
    private readonly List<EngineRun> _runs = [];
    private readonly List<RowByRow.Result> _rowByRow = [];
    private readonly List<ServerSql.Result> _handSql = [];
    private readonly List<ServerSql.Result> _hardware = [];
    private readonly List<(string Payload, int Compared, int Different, string? Example)> _comparisons = [];
    private readonly List<Ingester.Stats> _ingest = [];
    private readonly List<EngineProcess.Result> _sqliteRuns = [];
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, TimeSpan> _lastDuration = new(StringComparer.Ordinal);
    private PostgresBench.Generated? _big;
    private SqliteBench.Generated? _sqliteGenerated;
    private string _pgVersion = "", _pgWhere = "";
    private IReadOnlyDictionary<string, string> _pgSettings = new Dictionary<string, string>();
    private IReadOnlySet<string> _cliOptions = new HashSet<string>();
    private string _engineBuild = "";
    private double _loadAtEnd;
    private List<TimeSpan> _copyTimes = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        log.WriteLine($"Backfill benchmark: {options.Rows:N0} snapshots per set ({string.Join(", ", options.Payloads)} payloads)"
            + (options.BigRows > 0 ? $", big set {options.BigRows:N0} ({options.BigPayload})" : "")
            + (options.Sqlite ? $", SQLite {options.SqliteRows:N0}" : ""));
        log.WriteLine($"  {_machine.Cpu}, {_machine.Cores} cores, {_machine.RamGiB:0.0} GiB RAM, {_machine.Runtime}, {_machine.Os}; load avg {_loadAtStart:0.0}; "
            + $"CPU calibration {_calibrationAtStart.TotalMilliseconds:0} ms");
        await EngineProcess.PrepareCliAsync(log, ct);
        log.WriteLine($"  CLI under test: {EngineProcess.CliPath}");
        _cliOptions = EngineProcess.OptionsIn(await EngineProcess.RunHelpAsync(ct));
        log.WriteLine($"  `backfill run` options: {string.Join(' ', _cliOptions.Order(StringComparer.Ordinal))}");
        foreach (var throttle in options.Throttles)
            if (MissingFlags(throttle) is { Count: > 0 } missing)
                log.WriteLine($"  The throttled run `{throttle}` is not possible: `backfill run --help` does not list {string.Join(", ", missing)}.");
        _engineBuild = EngineBuild();
        log.WriteLine($"  {_engineBuild}");

        PostgresServer? server = null;
        try
        {
            string admin;
            if (options.Db is { } db)
            {
                admin = PostgresConnectionString.ToNpgsql(db);
                _pgWhere = $"the server given with --db ({PostgresConnectionString.Describe(admin)})";
            }
            else
            {
                log.WriteLine("Starting a throwaway PostgreSQL cluster ...");
                server = await PostgresServer.StartAsync(ct);
                admin = server.AdminConnectionString;
                _pgWhere = "a throwaway local cluster (tests/Backfill.Testing PostgresServer: fsync=off, synchronous_commit=off, full_page_writes=off, other settings default)";
            }

            await using var pg = new PostgresBench(admin, options, log);
            _copyTimes = pg.CopyTimes;
            _pgVersion = await pg.ServerVersionAsync(ct);
            _pgSettings = await pg.SettingsAsync(ct);
            log.WriteLine($"  {_pgVersion}");

            foreach (var payload in options.Payloads)
            {
                log.WriteLine($"Generating {options.Rows:N0} snapshots with {payload} payloads (binary COPY) ...");
                var g = await pg.CreateTemplateAsync(payload, options.Rows, ct);
                _sets[payload] = g;
                log.WriteLine($"  {Describe(g)}");
            }
            var first = _sets[options.Payloads[0]];

            if (options.Hardware) await Section("hardware reference", () => HardwareAsync(pg, ct));
            if (options.SampleRows > 0) await Section("row-by-row baseline", () => RowByRowAsync(pg, ct));
            foreach (var set in _sets.Values)
                await Section($"hand-written SQL and l1-sizes ({set.Payload})", () => HandSqlAndL1Async(pg, set, ct));
            foreach (var set in _sets.Values)
                await Section($"tier-a ({set.Payload})", () => EngineAsync(pg, "main", set, "tier-a", [], ct));
            // The other set-based write the engine has: array parameters (UPDATE ... FROM unnest) instead of COPY into a staging table.
            foreach (var set in _sets.Values)
                if (Fits($"tier-a ({set.Payload}) with the unnest write", Key("tier-a", set.Payload)))
                    await Section($"tier-a ({set.Payload}), unnest write", () => EngineAsync(pg, UnnestSection, set, "tier-a", [], ct, environment: UnnestWrite));
            foreach (var job in new[] { "tier-a", "l1-sizes" })
                foreach (var set in _sets.Values)
                    if (Fits($"{job} ({set.Payload}) --writers 2", Key(job, set.Payload)))
                        await Section($"{job} ({set.Payload}) --writers 2", () => EngineAsync(pg, WritersSection, set, job, TwoWriters, ct));
            if (options.Sqlite) await Section("SQLite", () => SqliteAsync(ct));
            if (options.Interference)
                await Section("live interference", () => InterferenceAsync(pg, _sets.GetValueOrDefault("jsonb") ?? first, ct));

            foreach (var b in options.BatchSizes)
            {
                string[] batchArgs = ["--batch-size", b.ToString(CultureInfo.InvariantCulture)];
                if (Fits($"tier-a ({first.Payload}) at --batch-size {b}", Key("tier-a", first.Payload)))
                    await Section($"tier-a --batch-size {b}", () => EngineAsync(pg, "batch size", first, "tier-a", batchArgs, ct));
            }

            // Repetitions for medians, round-robin, while they fit in the budget.
            var stop = false;
            for (var rep = 2; rep <= options.Repeats && !stop; rep++)
                foreach (var job in new[] { "tier-a", "l1-sizes" })
                    foreach (var set in _sets.Values)
                    {
                        if (stop) break;
                        if (!Fits($"run {rep} of {options.Repeats} of {job} ({set.Payload}) and the repetitions after it", Key(job, set.Payload))) { stop = true; break; }
                        await Section($"{job} ({set.Payload}) run {rep}", () => EngineAsync(pg, "main", set, job, [], ct));
                    }

            if (options.BigRows > 0) await Section("big set", () => BigAsync(pg, ct));
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }

        _loadAtEnd = EngineProcess.LoadAverage();
        _calibrationAtEnd = CpuCalibration.Measure();
        var report = Report();
        log.WriteLine();
        log.WriteLine(report);
        if (options.Report is { } file)
        {
            await File.WriteAllTextAsync(file, report, ct);
            log.WriteLine($"Report written to {file}");
        }
        log.WriteLine($"Benchmark finished in {_everything.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    // ---------------------------------------------------------------- sections

    /// <summary>Read and write floors, each from one connection and from one connection per core at the same time.</summary>
    private async Task HardwareAsync(PostgresBench pg, CancellationToken ct)
    {
        var parallel = new[] { 1, Math.Max(2, _machine.Cores) };
        foreach (var set in _sets.Values)
        {
            var copy = await pg.CopyAsync(set.Template, ct);
            foreach (var n in parallel)
            {
                log.WriteLine($"Hardware reference ({set.Payload}): bare COPY out of every payload, {n} connection(s) ...");
                var r = await ServerSql.CopyOutAsync(copy.ConnectionString, set.Payload, set.Snapshots, set.MaxKey, n, ct);
                _hardware.Add(r);
                log.WriteLine($"  {ServerLine(r)}");
            }
            await pg.DropAsync(copy.Name, ct);
        }
        var any = _sets.GetValueOrDefault("jsonb") ?? _sets.Values.First();
        foreach (var (name, job) in new[] { ("UPDATE-only write floor: the 6 l1-sizes columns", "l1-sizes"), ("UPDATE-only write floor: the 24 tier-a columns", "tier-a") })
            foreach (var n in parallel)
            {
                var copy = await pg.CopyAsync(any.Template, ct);
                log.WriteLine($"Hardware reference: {name}, {n} connection(s) ...");
                var r = await ServerSql.WriteFloorAsync(copy.ConnectionString, name, JobColumns(job), any.Snapshots, any.MaxKey, options.Chunk, n, ct);
                _hardware.Add(r);
                log.WriteLine($"  {ServerLine(r)}");
                await pg.DropAsync(copy.Name, ct);
            }
    }

    private async Task RowByRowAsync(PostgresBench pg, CancellationToken ct)
    {
        foreach (var set in _sets.Values)
        {
            var copy = await pg.CopyAsync(set.Template, ct);
            log.WriteLine($"Row-by-row baseline ({set.Payload}): {options.SampleRows:N0} snapshots from the middle of the key range ...");
            var r = await RowByRow.RunAsync(copy.ConnectionString, set.Payload, set.MaxKey, options.SampleRows, ct);
            _rowByRow.Add(r);
            log.WriteLine($"  {r.Rows:N0} rows (updated {r.Updated:N0}, skipped {r.Skipped:N0}, errors {r.Errors:N0}) in {r.Wall.TotalSeconds:0.0}s = {r.RowsPerSecond:N0} rows/s; "
                + $"the whole table ({set.Snapshots:N0}) would take {Duration(set.Snapshots / r.RowsPerSecond)}; load avg {r.LoadBefore:0.0} -> {r.LoadAfter:0.0}");
            await pg.DropAsync(copy.Name, ct);
        }
    }

    private async Task HandSqlAndL1Async(PostgresBench pg, PostgresBench.Generated set, CancellationToken ct)
    {
        (string Name, string ConnectionString, TimeSpan Took)? hand = null;
        if (options.HandSql)
        {
            foreach (var preFiltered in set.Payload == "text" ? new[] { true, false } : [false])
            {
                hand = await pg.CopyAsync(set.Template, ct);
                log.WriteLine($"Hand-written SQL UPDATE of the 6 L1 columns ({set.Payload}{(set.Payload == "text" ? preFiltered ? ", invalid payloads excluded beforehand" : ", guarded cast" : "")}), "
                    + $"{options.Chunk:N0} keys per statement ...");
                var r = await ServerSql.HandWrittenL1Async(hand.Value.ConnectionString, set, preFiltered, options.Chunk, ct);
                _handSql.Add(r);
                log.WriteLine($"  {ServerLine(r)}");
                if (preFiltered) await pg.DropAsync(hand.Value.Name, ct);
            }
        }
        var engineCopy = await EngineAsync(pg, "main", set, "l1-sizes", [], ct, keep: hand is not null);
        if (hand is { } h && engineCopy is { } e)
        {
            var cmp = await ServerSql.CompareL1Async(h.ConnectionString, e.ConnectionString, set.MaxKey, 5_000, ct);
            _comparisons.Add((set.Payload, cmp.Compared, cmp.Different, cmp.Example));
            log.WriteLine($"  hand SQL vs l1-sizes on {cmp.Compared:N0} sampled rows: {cmp.Different:N0} differ{(cmp.Example is null ? "" : $" (e.g. {cmp.Example})")}");
            await pg.DropAsync(h.Name, ct);
            await pg.DropAsync(e.Name, ct);
        }
    }

    /// <summary>One CLI run on a fresh copy, checked; returns the copy when <paramref name="keep"/> (the caller drops it).</summary>
    private async Task<(string Name, string ConnectionString)?> EngineAsync(PostgresBench pg, string section, PostgresBench.Generated set, string job,
        IReadOnlyList<string> cliArgs, CancellationToken ct, bool keep = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = Stopwatch.StartNew();
        var copy = await pg.CopyAsync(set.Template, ct);
        log.WriteLine($"{job} on PostgreSQL ({set.Payload}, {set.Snapshots:N0} rows{(cliArgs.Count > 0 ? ", " + string.Join(' ', cliArgs) : "")}; fresh copy in {copy.Took.TotalSeconds:0.0}s) ...");
        var r = await EngineProcess.RunAsync("PostgreSQL", job, copy.ConnectionString, cliArgs, copy.Name, ct, environment: environment);
        _runs.Add(new EngineRun(section, set.Payload, set.Snapshots, r));
        log.WriteLine($"  {Line(r)}");
        await CheckAsync(copy.ConnectionString, r, set, exact: true, ct);
        if (!keep) await pg.DropAsync(copy.Name, ct);
        if (cliArgs.Count == 0 && environment is null) _lastDuration[Key(job, set.Payload)] = started.Elapsed;
        return keep ? (copy.Name, copy.ConnectionString) : null;
    }

    private async Task SqliteAsync(CancellationToken ct)
    {
        using var lite = new SqliteBench(options, log);
        log.WriteLine($"Generating {options.SqliteRows:N0} snapshots in SQLite ...");
        _sqliteGenerated = await lite.CreateTemplateAsync(ct);
        for (var i = 0; i < options.Repeats; i++)
        {
            var started = Stopwatch.StartNew();
            if (i > 0 && !Fits($"SQLite run {i + 1} of {options.Repeats}", _lastDuration["sqlite"])) break;
            var path = lite.Copy();
            log.WriteLine($"tier-a on SQLite, run {i + 1}/{options.Repeats} ...");
            var result = await EngineProcess.RunAsync("SQLite", "tier-a", path, [], null, ct);
            _sqliteRuns.Add(result);
            log.WriteLine($"  {Line(result)}");
            SqliteBench.Delete(path);
            _lastDuration["sqlite"] = started.Elapsed;
        }
    }

    /// <summary>
    /// The live ingester alone, during an unthrottled tier-a run, and (on another fresh copy, after a shorter second
    /// baseline) during a throttled one. Only inserts completed while the run's process was alive count for (b), (c).
    /// </summary>
    private async Task InterferenceAsync(PostgresBench pg, PostgresBench.Generated set, CancellationToken ct)
    {
        var warmUp = TimeSpan.FromSeconds(2);
        async Task<Ingester.Stats> AloneAsync(Ingester ing, string phase, TimeSpan length)
        {
            log.WriteLine($"Live ingester ({options.IngestRate:N0}/s target, {set.Payload}) alone for {length.TotalSeconds:0}s ...");
            var (load, from) = (EngineProcess.LoadAverage(), Stopwatch.GetTimestamp());
            await Task.Delay(length, ct);
            var s = ing.Window(phase, from, Stopwatch.GetTimestamp(), load, EngineProcess.LoadAverage());
            _ingest.Add(s);
            log.WriteLine($"  {IngestLine(s)}");
            return s;
        }
        async Task DuringAsync(Ingester ing, string phase, string connectionString, string database, IReadOnlyList<string> cliArgs)
        {
            log.WriteLine($"Live ingester during tier-a ({phase}{(cliArgs.Count > 0 ? ": " + string.Join(' ', cliArgs) : "")}) ...");
            var (load, from) = (EngineProcess.LoadAverage(), Stopwatch.GetTimestamp());
            var r = await EngineProcess.RunAsync("PostgreSQL", "tier-a", connectionString, cliArgs, database, ct, new HashSet<int> { ing.BackendPid });
            var s = ing.Window(phase, from, Stopwatch.GetTimestamp(), load, EngineProcess.LoadAverage());
            _ingest.Add(s);
            _runs.Add(new EngineRun($"interference: {phase}", set.Payload, set.Snapshots, r));
            log.WriteLine($"  engine: {Line(r)}");
            log.WriteLine($"  ingester: {IngestLine(s)}");
            await CheckAsync(connectionString, r, set, exact: false, ct);
        }

        var copy = await pg.CopyAsync(set.Template, ct);
        using (var ing = new Ingester(copy.ConnectionString, set.Payload, options.IngestRate, options.Seed))
        {
            ing.Start();
            await Task.Delay(warmUp, ct);
            await AloneAsync(ing, "alone", TimeSpan.FromSeconds(options.IngestAloneSeconds));
            await DuringAsync(ing, "unthrottled", copy.ConnectionString, copy.Name, []);
            ing.Stop();
        }
        await pg.DropAsync(copy.Name, ct);

        foreach (var throttle in options.Throttles)
        {
            if (MissingFlags(throttle) is { Count: > 0 } missing)
            {
                _notes.Add($"Throttled run `{throttle}` not measured: the CLI under test has no {string.Join(", ", missing)} (`backfill run --help`). "
                    + "The throttled args are the --throttle option (default `" + BenchOptions.DefaultThrottle + "`).");
                continue;
            }
            copy = await pg.CopyAsync(set.Template, ct);
            using (var ing = new Ingester(copy.ConnectionString, set.Payload, options.IngestRate, options.Seed))
            {
                ing.Start();
                await Task.Delay(warmUp, ct);
                await AloneAsync(ing, $"alone (before {throttle})", TimeSpan.FromSeconds(Math.Max(5, options.IngestAloneSeconds / 2)));
                await DuringAsync(ing, $"throttled: {throttle}", copy.ConnectionString, copy.Name, BenchOptions.Split(throttle));
                ing.Stop();
            }
            await pg.DropAsync(copy.Name, ct);
        }
    }

    private List<string> MissingFlags(string cliArgs) =>
        BenchOptions.Split(cliArgs).Where(a => a.StartsWith("--", StringComparison.Ordinal) && !_cliOptions.Contains(a)).ToList();

    /// <summary>Which engine is under test: the commit, uncommitted changes under src/, and when ./backfill built the CLI.</summary>
    private static string EngineBuild()
    {
        var built = File.Exists(EngineProcess.CliPath) ? $"{File.GetLastWriteTimeUtc(EngineProcess.CliPath):yyyy-MM-dd HH:mm} UTC" : "?";
        string Git(params string[] gitArgs)
        {
            try
            {
                var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
                foreach (var a in gitArgs) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return p.ExitCode == 0 ? output.Trim() : "";
            }
            catch (System.ComponentModel.Win32Exception) { return ""; }
        }
        var commit = Git("log", "-1", "--format=%h %s");
        if (commit.Length > 90) commit = commit[..87] + "...";
        var root = Git("rev-parse", "--show-toplevel");
        var dirty = root.Length == 0 ? "" : Git("-C", root, "status", "--porcelain", "--", "src");
        return $"engine: {(EngineProcess.IsPrecompiled ? "ReadyToRun" : "JIT-only")} CLI built {built} from commit {(commit.Length == 0 ? "?" : commit)}"
            + (dirty.Length == 0 ? "" : $" plus {dirty.Split('\n').Length} uncommitted change(s) under src/");
    }

    /// <summary>The big set: l1-sizes then tier-a, once each, directly on the generated database (a copy would double the disk).</summary>
    private async Task BigAsync(PostgresBench pg, CancellationToken ct)
    {
        log.WriteLine($"Generating the big set: {options.BigRows:N0} snapshots with {options.BigPayload} payloads (binary COPY) ...");
        _big = await pg.CreateTemplateAsync(options.BigPayload, options.BigRows, ct);
        log.WriteLine($"  {Describe(_big)}");
        var cs = pg.ConnectionStringFor(_big.Template);
        foreach (var job in new[] { "l1-sizes", "tier-a" })
        {
            log.WriteLine($"{job} on the big set ({_big.Snapshots:N0} rows, {_big.Payload}) ...");
            var r = await EngineProcess.RunAsync("PostgreSQL", job, cs, [], _big.Template, ct);
            _runs.Add(new EngineRun("big", _big.Payload, _big.Snapshots, r));
            log.WriteLine($"  {Line(r)}");
            await CheckAsync(cs, r, _big, exact: true, ct);
        }
        if (!options.Keep) await pg.DropAsync(_big.Template, ct);
    }

    // ---------------------------------------------------------------- helpers

    private async Task Section(string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or IOException or TimeoutException or KeyNotFoundException)
        {
            var message = $"Section '{name}' failed: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            _notes.Add(message);
            log.WriteLine($"  {message}");
            log.WriteLine(e.ToString());
        }
    }

    private static string Key(string job, string payload) => $"{job}/{payload}";

    /// <summary>A further run is skipped when, as long as the last comparable one, it would end past the budget.</summary>
    private bool Fits(string what, string key) => Fits(what, _lastDuration.GetValueOrDefault(key, TimeSpan.FromMinutes(2)));

    private bool Fits(string what, TimeSpan estimate)
    {
        var projected = _everything.Elapsed + (estimate * 1.05);
        if (projected.TotalMinutes <= options.BudgetMinutes) return true;
        var note = $"Skipped {what}: as long as the last comparable run (~{estimate.TotalMinutes:0.0} min) it would end at ~{projected.TotalMinutes:0.0} min, "
            + $"past the {options.BudgetMinutes:0} min budget (--budget-minutes).";
        _notes.Add(note);
        log.WriteLine($"  {note}");
        return false;
    }

    internal static IReadOnlyList<string> JobColumns(string job) =>
        new Backfill.OrderBook.OrderBookPack().Jobs.Single(j => j.Name == job).Target.Columns.Select(c => c.Column).ToList();

    /// <summary>
    /// Every source row up to the set's last key is processed (exactly, unless a live ingester added rows below the
    /// start key); afterwards no more rows lack the job's first target column than were skipped or failed.
    /// </summary>
    private static async Task CheckAsync(string cs, EngineProcess.Result r, PostgresBench.Generated set, bool exact, CancellationToken ct)
    {
        if (exact ? r.Processed != set.Snapshots : r.Processed < set.Snapshots)
            throw new InvalidOperationException($"expected {(exact ? "" : "at least ")}{set.Snapshots:N0} processed rows, the engine reports {r.Processed:N0}");
        if (r.Updated + r.Inserted + r.Skipped + r.Errors != r.Processed)
            throw new InvalidOperationException("updated + inserted + skipped + errors != processed");
        var column = JobColumns(r.Job).First(c => c.StartsWith("home_", StringComparison.Ordinal));
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(ct);
        var left = await PostgresBench.ScalarAsync<long>(c,
            $"SELECT count(*) FROM {OrderBookMigrations.Snapshots} s LEFT JOIN {OrderBookMigrations.Derived} d ON d.snapshot_id = s.snapshot_id "
            + $"WHERE s.snapshot_id <= {set.MaxKey} AND (d.snapshot_id IS NULL OR d.\"{column}\" IS NULL)", ct);
        if (left > r.Skipped + r.Errors)
            throw new InvalidOperationException($"{left:N0} rows still lack {column}, more than skipped + errors ({r.Skipped + r.Errors:N0})");
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

    private static string Duration(double seconds) =>
        seconds >= 5400 ? $"{seconds / 3600:0.0} h" : seconds >= 120 ? $"{seconds / 60:0} min" : $"{seconds:0} s";

    private static string Describe(PostgresBench.Generated g) =>
        $"{g.Snapshots:N0} snapshots in {g.Markets:N0} markets ({g.MarketsWithMetadata:N0} with metadata), {g.DerivedRows:N0} derived rows; "
        + $"payload avg {g.AvgPayloadBytes:N0} B as generated, {g.ServerTextBytes:N0} B as raw_payload::text; "
        + $"COPY {g.GenerateAndCopy.TotalSeconds:0.0}s ({g.Snapshots / g.GenerateAndCopy.TotalSeconds:N0} rows/s) + VACUUM/ANALYZE {g.Vacuum.TotalSeconds:0.0}s; "
        + $"database {Mb(g.DatabaseBytes)} (snapshots {Mb(g.SnapshotTableBytes)}, derived {Mb(g.DerivedTableBytes)})";

    private static string Line(EngineProcess.Result r) =>
        $"{r.Processed:N0} rows (updated {r.Updated:N0}, inserted {r.Inserted:N0}, skipped {r.Skipped:N0}, errors {r.Errors:N0}, {r.Batches:N0} batches) "
        + $"in {r.Wall.TotalSeconds:0.00}s wall = {r.RowsPerSecond:N0} rows/s (loop only {r.LoopRowsPerSecond:N0} rows/s); "
        + $"peak RSS {r.PeakRssBytes / 1024.0 / 1024.0:N0} MiB ({r.PeakRssSource}); "
        + $"CPU: engine {r.EngineCpu.TotalSeconds:0.0}s{(r.ServerCpu is { } sc ? $", server {sc.TotalSeconds:0.0}s" : "")}; load avg {r.LoadBefore:0.0} -> {r.LoadAfter:0.0}";

    private static string ServerLine(ServerSql.Result r) =>
        $"{r.Rows:N0} rows ({r.Affected:N0} affected, {r.Statements} statement{(r.Statements == 1 ? "" : "s")}) in {r.Wall.TotalSeconds:0.0}s = {r.RowsPerSecond:N0} rows/s"
        + (r.Bytes > 0 ? $", {r.Bytes / r.Wall.TotalSeconds / 1e6:0} MB/s ({(double)r.Bytes / r.Rows:N0} B/row)" : "")
        + (r.ServerCpu is { } c ? $"; server CPU {c.TotalSeconds:0.0}s" : "") + $"; load avg {r.LoadBefore:0.0} -> {r.LoadAfter:0.0}";

    private static string IngestLine(Ingester.Stats s) =>
        $"{s.Inserts:N0} inserts in {s.Seconds:0.0}s = {s.AchievedRate:N0}/s; latency p50 {s.P50Ms:0.00} ms, p99 {s.P99Ms:0.00} ms, p99.9 {s.P999Ms:0.00} ms, max {s.MaxMs:0.0} ms; "
        + $"missed slots {s.Missed:N0}, errors {s.Errors:N0}; load avg {s.LoadBefore:0.0} -> {s.LoadAfter:0.0}";
}

internal sealed record MachineFacts(string Cpu, int Cores, double RamGiB, string Os, string Runtime)
{
    public static MachineFacts Collect()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString();
        double ram = 0;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var mem = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            ram = long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        }
        catch (IOException) { }
        return new MachineFacts(cpu, Environment.ProcessorCount, ram, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}
