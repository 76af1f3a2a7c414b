using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Backfill.Bench;
using Backfill.Postgres;
using Backfill.Testing.Postgres;
using Npgsql;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.GenerateOnly)
{
    var w = Stopwatch.StartNew();
    long bytes = 0, n = 0;
    foreach (var s in new MarketFeed(options.Rows, options.Seed, invalidJson: false).Snapshots()) { bytes += s.Payload?.Length ?? 0; n++; }
    Console.WriteLine($"generated {n:N0} payloads ({bytes / 1024.0 / 1024.0:N0} MiB) in {w.Elapsed.TotalSeconds:0.00}s = {n / w.Elapsed.TotalSeconds:N0}/s");
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;
var log = Console.Out;
var everything = Stopwatch.StartNew();
const double Floor = 15_000;

var machine = MachineFacts.Collect();
log.WriteLine($"Backfill macro benchmark: tier-a, {options.Rows:N0} PostgreSQL snapshots ({options.Payload} payload), "
    + $"{(options.Sqlite ? $"{options.SqliteRows:N0}" : "no")} SQLite snapshots");
log.WriteLine($"  {machine.Cpu}, {machine.Cores} cores, {machine.RamGiB:0.0} GiB RAM, {machine.Runtime}, {machine.Os}");
log.WriteLine($"  CLI under test: {EngineProcess.CliPath}");

var pgRuns = new List<EngineProcess.Result>();
var sqliteRuns = new List<EngineProcess.Result>();
var profiles = new List<Profiler.Profile>();
PostgresBench.Generated? generated = null;
SqliteBench.Generated? sqliteGenerated = null;
string pgVersion = "", pgWhere;
IReadOnlyDictionary<string, string> pgSettings = new Dictionary<string, string>();
var copyTimes = new List<TimeSpan>();

// ---------------------------------------------------------------- PostgreSQL
// Order: the default batch size once, SQLite, the profiles, then the other batch sizes and further default-batch
// repetitions while they fit in the time budget (every engine run gets a fresh copy of the generated data).
var notes = new List<string>();
PostgresServer? server = null;
try
{
    string admin;
    if (options.Db is { } db)
    {
        admin = PostgresConnectionString.ToNpgsql(db);
        pgWhere = $"the server given with --db ({PostgresConnectionString.Describe(admin)})";
    }
    else
    {
        log.WriteLine("Starting a throwaway PostgreSQL cluster ...");
        server = await PostgresServer.StartAsync(ct);
        admin = server.AdminConnectionString;
        pgWhere = "a throwaway local cluster (tests/Backfill.Testing PostgresServer: fsync=off, synchronous_commit=off, full_page_writes=off, other settings default)";
    }

    await using var pg = new PostgresBench(admin, options, log);
    pgVersion = await pg.ServerVersionAsync(ct);
    pgSettings = await pg.SettingsAsync(ct);
    log.WriteLine($"  {pgVersion}");
    log.WriteLine($"Generating {options.Rows:N0} snapshots (binary COPY) ...");
    generated = await pg.CreateTemplateAsync(ct);
    log.WriteLine($"  {generated.Snapshots:N0} snapshots in {generated.Markets:N0} markets ({generated.MarketsWithMetadata:N0} with metadata), "
        + $"{generated.DerivedRows:N0} derived rows, payload avg {generated.AvgPayloadBytes:N0} B; "
        + $"COPY {generated.GenerateAndCopy.TotalSeconds:0.0}s + VACUUM/ANALYZE {generated.Vacuum.TotalSeconds:0.0}s; "
        + $"database {Mb(generated.DatabaseBytes)} (snapshots {Mb(generated.SnapshotTableBytes)}, derived {Mb(generated.DerivedTableBytes)})");

    TimeSpan lastRun = TimeSpan.Zero, lastDefault = TimeSpan.Zero;
    async Task RunPostgresAsync(int? batchSize)
    {
        var started = Stopwatch.StartNew();
        var copy = await pg.CopyAsync(ct);
        copyTimes.Add(copy.Took);
        log.WriteLine($"Run {pgRuns.Count + 1}: tier-a on PostgreSQL, batch size {batchSize?.ToString(CultureInfo.InvariantCulture) ?? "default"} (fresh copy in {copy.Took.TotalSeconds:0.0}s) ...");
        var result = await EngineProcess.RunAsync("PostgreSQL", copy.ConnectionString, batchSize, copy.Name, ct);
        await CheckAsync(copy.ConnectionString, result, generated.Snapshots, ct);
        pgRuns.Add(result);
        log.WriteLine($"  {Line(result)}");
        await pg.DropAsync(copy.Name, ct);
        lastRun = started.Elapsed;
        if (batchSize is null) lastDefault = lastRun;
    }

    // A further run is skipped when, as long as a similar earlier run, it would end past the budget.
    bool Fits(string what, TimeSpan estimate)
    {
        var projected = everything.Elapsed + (estimate * 1.05);
        if (projected.TotalMinutes <= options.BudgetMinutes) return true;
        notes.Add($"Skipped {what}: as long as the last comparable run (~{estimate.TotalMinutes:0.0} min) it would end the benchmark at ~{projected.TotalMinutes:0.0} min, "
            + $"past the {options.BudgetMinutes:0} min budget (--budget-minutes).");
        log.WriteLine($"  {notes[^1]}");
        return false;
    }

    await RunPostgresAsync(null);

    if (options.Sqlite) await RunSqliteAsync();

    if (options.Profile)
    {
        const int Slices = 4;
        var perSlice = Math.Max(1, Math.Min(options.ProfileRows, generated.Snapshots) / Slices);
        foreach (var bounded in options.WhatIf ? new[] { false, true } : [false])
        {
            var copy = await pg.CopyAsync(ct);
            log.WriteLine($"Profile{(bounded ? " (what-if: derived join bounded by the batch's key range)" : "")}: the run loop in-process with per-phase timers, "
                + $"default batch size, {Slices} slices of {perSlice:N0} rows spread over the key range ...");
            var profile = await Profiler.RunAsync(copy.ConnectionString, Backfill.Core.Runs.RunRequest.DefaultBatchSize, Slices, perSlice, bounded, log, ct);
            profiles.Add(profile);
            NpgsqlConnection.ClearAllPools();
            await pg.DropAsync(copy.Name, ct);
            log.WriteLine($"  {profile.Processed:N0} rows, loop {profile.LoopUsPerRow:0} µs/row; whole-run estimate {profile.EstimatedRowsPerSecond:N0} rows/s");
        }
    }

    foreach (var b in options.BatchSizes)
        if (Fits($"the run at batch size {b}", lastRun)) await RunPostgresAsync(b);

    for (var rep = 2; rep <= options.Repeats; rep++)
    {
        if (!Fits($"default-batch repetition {rep} of {options.Repeats} (and any after it)", lastDefault)) break;
        await RunPostgresAsync(null);
    }
}
finally
{
    if (server is not null) await server.DisposeAsync();
}

async Task RunSqliteAsync()
{
    using var lite = new SqliteBench(options, log);
    log.WriteLine($"Generating {options.SqliteRows:N0} snapshots in SQLite ...");
    sqliteGenerated = await lite.CreateTemplateAsync(ct);
    for (var i = 0; i < options.Repeats; i++)
    {
        var path = lite.Copy();
        log.WriteLine($"Run {i + 1}/{options.Repeats}: tier-a on SQLite, default batch size ...");
        var result = await EngineProcess.RunAsync("SQLite", path, null, null, ct);
        sqliteRuns.Add(result);
        log.WriteLine($"  {Line(result)}");
        SqliteBench.Delete(path);
    }
}

var report = Report();
log.WriteLine();
log.WriteLine(report);
if (options.Report is { } file)
{
    await File.WriteAllTextAsync(file, report, ct);
    log.WriteLine($"Report written to {file}");
}
log.WriteLine($"Benchmark finished in {everything.Elapsed.TotalMinutes:0.0} min.");
return 0;

// ---------------------------------------------------------------- helpers

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

static string Line(EngineProcess.Result r) =>
    $"{r.Processed:N0} rows (updated {r.Updated:N0}, inserted {r.Inserted:N0}, skipped {r.Skipped:N0}, errors {r.Errors:N0}, {r.Batches:N0} batches) "
    + $"in {r.Wall.TotalSeconds:0.00}s wall = {r.RowsPerSecond:N0} rows/s (loop only {r.EngineElapsed.TotalSeconds:0.00}s = {r.LoopRowsPerSecond:N0} rows/s); "
    + $"peak RSS {r.PeakRssBytes / 1024.0 / 1024.0:N0} MiB ({r.PeakRssSource}{(r.SampledHwmBytes is { } s ? $"; sampled VmHWM {s / 1024.0 / 1024.0:N0} MiB" : "")}); "
    + $"CPU: engine {r.EngineCpu.TotalSeconds:0.0}s{(r.ServerCpu is { } sc ? $", server backend {sc.TotalSeconds:0.0}s" : "")}; load avg {r.LoadBefore:0.0} -> {r.LoadAfter:0.0}";

// Every snapshot is a candidate; after the run the only rows left with NULL tier-a columns are the skipped and failed ones.
static async Task CheckAsync(string cs, EngineProcess.Result r, long snapshots, CancellationToken ct)
{
    if (r.Processed != snapshots)
        throw new InvalidOperationException($"expected {snapshots:N0} processed rows, the engine reports {r.Processed:N0}");
    if (r.Updated + r.Inserted + r.Skipped + r.Errors != r.Processed)
        throw new InvalidOperationException("updated + inserted + skipped + errors != processed");
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync(ct);
    await using var cmd = new NpgsqlCommand(
        "SELECT count(*) FROM market_book_snapshots s LEFT JOIN market_derived_metrics d ON d.snapshot_id = s.snapshot_id "
        + "WHERE d.snapshot_id IS NULL OR d.home_impedance IS NULL", c);
    var left = (long)(await cmd.ExecuteScalarAsync(ct))!;
    if (left > r.Skipped + r.Errors)
        throw new InvalidOperationException($"{left:N0} rows still lack home_impedance, more than skipped + errors ({r.Skipped + r.Errors:N0})");
}

static double Median(IEnumerable<double> values)
{
    var v = values.Order().ToArray();
    return v.Length == 0 ? 0 : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
}

string Report()
{
    var sb = new StringBuilder();
    var cmdline = "dotnet run -c Release --project bench/Backfill.Bench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
    sb.AppendLine(CultureInfo.InvariantCulture, $"### tier-a, {options.Rows:N0} snapshots ({options.Payload} payload) — measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    sb.AppendLine();
    sb.AppendLine(CultureInfo.InvariantCulture, $"Command: `{cmdline}`");
    sb.AppendLine();
    sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Cpu}, nproc {machine.Cores}, {machine.RamGiB:0.0} GiB RAM, {machine.Os}; {machine.Runtime}; "
        + $"{pgVersion.Split(',')[0]} on {pgWhere}; settings: {string.Join(", ", pgSettings.Select(kv => $"{kv.Key}={kv.Value}"))}.");
    sb.AppendLine();
    if (generated is { } g)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"Data: {g.Snapshots:N0} snapshots in {g.Markets:N0} markets ({g.MarketsWithMetadata:N0} with metadata), payload avg {g.AvgPayloadBytes:N0} B "
            + $"(3 runners, 5 levels per side); {g.DerivedRows:N0} derived rows with the 24 tier-a columns NULL ({g.Snapshots - g.DerivedRows:N0} missing = inserts). "
            + $"Generation (not part of any figure): COPY {g.GenerateAndCopy.TotalSeconds:0.0}s + VACUUM (FREEZE, ANALYZE) {g.Vacuum.TotalSeconds:0.0}s; "
            + $"database {Mb(g.DatabaseBytes)}; a fresh copy per run (CREATE DATABASE ... TEMPLATE, FILE_COPY) took {Median(copyTimes.Select(t => t.TotalSeconds)):0.0}s (median).");
        sb.AppendLine();
    }
    sb.AppendLine("| Store | Rows | Batch size | Runs | rows/s (wall, median) | min – max | rows/s (loop only) | Wall (s) | Batches | Peak RSS (MiB) | CPU engine / server (s) | rows per CPU-s | Load avg |");
    sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var group in pgRuns.Concat(sqliteRuns).GroupBy(r => (r.Store, r.BatchSize)))
    {
        var rs = group.ToList();
        var rates = rs.Select(r => r.RowsPerSecond).ToList();
        var cpu = $"{Median(rs.Select(r => r.EngineCpu.TotalSeconds)):0.0}" + (rs[0].ServerCpu is null ? " / –" : $" / {Median(rs.Select(r => r.ServerCpu!.Value.TotalSeconds)):0.0}");
        var perCpu = rs[0].RowsPerCpuSecond is null ? "–" : $"{Median(rs.Select(r => r.RowsPerCpuSecond!.Value)):N0}";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {group.Key.Store} | {rs[0].Processed:N0} | {group.Key.BatchSize:N0}{(group.Key.BatchSize == Backfill.Core.Runs.RunRequest.DefaultBatchSize ? " (default)" : "")} | {rs.Count} "
            + $"| **{Median(rates):N0}** | {rates.Min():N0} – {rates.Max():N0} | {Median(rs.Select(r => r.LoopRowsPerSecond)):N0} "
            + $"| {Median(rs.Select(r => r.Wall.TotalSeconds)):0.0} | {rs[0].Batches:N0} | {Median(rs.Select(r => r.PeakRssBytes / 1024.0 / 1024.0)):N0} "
            + $"| {cpu} | {perCpu} | {string.Join(", ", rs.Select(r => $"{r.LoadBefore:0.0}→{r.LoadAfter:0.0}"))} |");
    }
    sb.AppendLine();
    sb.AppendLine("rows/s (wall) = processed rows / wall time of the `backfill run tier-a --json` child process: start-up, job preparation, the NULL statistics "
        + "before (two full joins) and after (two more), the candidate count, and the batch loop. rows/s (loop only) = the CLI's own figure (batch loop only). "
        + "Peak RSS = the child's maximum resident set size (kernel ru_maxrss via GNU time; VmHWM sampled from /proc as cross-check). "
        + "CPU = user + system time of the engine process and of its PostgreSQL server backend; rows per CPU-s = rows / (engine + server CPU), "
        + "the rate if the two never ran at the same time, which is robust to other load on the machine (they do overlap a little: "
        + "the server streams a batch while the engine decodes it, so an idle 2-core machine can beat it). "
        + "Load avg = 1-minute load average before → after the run (this machine is shared; a load above the core count inflates wall times).");
    sb.AppendLine();
    foreach (var note in notes) { sb.AppendLine(note); sb.AppendLine(); }
    var main = pgRuns.Where(r => r.BatchSize == Backfill.Core.Runs.RunRequest.DefaultBatchSize).Select(r => r.RowsPerSecond).ToList();
    if (main.Count > 0)
    {
        var m = Median(main);
        sb.AppendLine(CultureInfo.InvariantCulture, $"Floor for this milestone: {Floor:N0} rows/s on PostgreSQL for tier-a at 1M rows (default batch size). "
            + $"Measured median: {m:N0} rows/s — **{(m >= Floor ? "meets" : "BELOW")} the floor** ({m / Floor:P0} of it){(options.Rows != 1_000_000 ? $" (note: measured at {options.Rows:N0} rows, not 1M)" : "")}.");
        sb.AppendLine();
    }
    foreach (var p in profiles) RenderProfile(sb, p);
    if (sqliteGenerated is { } sg)
        sb.AppendLine(CultureInfo.InvariantCulture, $"SQLite reference: {sg.Snapshots:N0} snapshots, {sg.DerivedRows:N0} derived rows, file {Mb(sg.FileBytes)}, generated in {sg.Took.TotalSeconds:0.0}s; WAL mode, synchronous=NORMAL (the store's defaults).");
    return sb.ToString();
}

static void RenderProfile(StringBuilder sb, Profiler.Profile p)
{
    sb.AppendLine(CultureInfo.InvariantCulture, $"#### Where the time goes — {p.Label} (PostgreSQL, batch size {p.BatchSize}, in-process replay of the run loop)");
    sb.AppendLine();
    sb.AppendLine(CultureInfo.InvariantCulture, $"{p.Processed:N0} rows in {p.Batches:N0} batches over {p.Slices.Count} slices spread across the key range "
        + $"(the checkpoint is moved to each slice's start), {p.Total.TotalSeconds:0.0}s with the timers on; loop cost {p.LoopUsPerRow:0.0} µs/row; "
        + $"payload text received {(double)p.ReadBytes / Math.Max(1, p.Processed):N0} B/row. "
        + $"Whole-run estimate for {p.TotalRows:N0} candidates (loop µs/row × rows + the once-per-run phases as measured): **{p.EstimatedRowsPerSecond:N0} rows/s**.");
    sb.AppendLine();
    sb.AppendLine(p.HasServerCpu
        ? "| Phase | Calls | Wall (s) | Share | µs/row | Server backend CPU (s) | Engine process CPU (s) |"
        : "| Phase | Calls | Wall (s) | Share | µs/row | Engine process CPU (s) |");
    sb.AppendLine(p.HasServerCpu ? "|---|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
    var sum = TimeSpan.Zero;
    foreach (var ph in p.Phases)
    {
        sum += ph.Wall;
        var perRow = p.LoopPhases.Contains(ph) ? $"{ph.Wall.TotalMicroseconds / Math.Max(1, p.Processed):0.0}" : "(once)";
        var row = $"| {ph.Name} | {ph.Calls:N0} | {ph.Wall.TotalSeconds:0.00} | {ph.Wall / p.Total:P1} | {perRow} |";
        sb.AppendLine(p.HasServerCpu ? $"{row} {ph.ServerCpu.TotalSeconds:0.00} | {ph.ClientCpu.TotalSeconds:0.00} |" : $"{row} {ph.ClientCpu.TotalSeconds:0.00} |");
    }
    sb.AppendLine(CultureInfo.InvariantCulture, $"| (untimed: loop bookkeeping, moving the checkpoint) | | {(p.Total - sum).TotalSeconds:0.00} | {(p.Total - sum) / p.Total:P1} | | |{(p.HasServerCpu ? " |" : "")}");
    sb.AppendLine();
    sb.AppendLine("| Slice starts after key | Rows | read µs/row | loop µs/row |");
    sb.AppendLine("|---:|---:|---:|---:|");
    foreach (var sl in p.Slices)
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {sl.AfterKey:N0} | {sl.Rows:N0} | {sl.Read.TotalMicroseconds / Math.Max(1, sl.Rows):0.0} | {sl.Loop.TotalMicroseconds / Math.Max(1, sl.Rows):0.0} |");
    sb.AppendLine();
    if (p.Compute is { } c)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"Compute split on a sample of {c.Rows:N0} payloads (best of 3, warm): JSON parse (MarketBookReader.TryRead from the string) {c.ParseUs:0.0} µs/row; "
            + $"full IRowComputer.Compute (parse + metrics) {c.ComputeUs:0.0} µs/row; BatchPlanner.Build over them {c.BuildUs:0.0} µs/row.");
        sb.AppendLine();
    }
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
