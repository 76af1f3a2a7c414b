using System.Globalization;
using System.Text;

namespace Backfill.Bench;

/// <summary>The Markdown report.</summary>
internal sealed partial class BenchRun
{
    // Targets of the throughput issue (2-core machine, PostgreSQL on the same box).
    private const double TierAJsonbTarget = 25_000, TierATextTarget = 40_000, SqliteTarget = 50_000;
    private const double L1VsHandTarget = 3, L1VsRowByRowTarget = 30, PeakMemoryTargetMiB = 300, P99RatioTarget = 2;

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private List<EngineProcess.Result> Main(string job, string payload) =>
        _runs.Where(r => r.Section == "main" && r.R.Job == job && r.Payload == payload).Select(r => r.R).ToList();

    private double MainRate(string job, string payload) => Median(Main(job, payload).Select(r => r.RowsPerSecond));
    private List<EngineProcess.Result> Writers(string job, string payload) =>
        _runs.Where(r => r.Section == WritersSection && r.R.Job == job && r.Payload == payload).Select(r => r.R).ToList();
    private double WritersRate(string job, string payload) => Median(Writers(job, payload).Select(r => r.RowsPerSecond));

    private static string N0(double v) => double.IsNaN(v) ? "–" : v.ToString("N0", CultureInfo.InvariantCulture);

    private static string X(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "–" : v < 1 ? $"{v:0.00}×" : $"{v:0.0}×";

    private static string Verdict(bool ok) => ok ? "met" : "**not met**";

    private string Report()
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.AppendLine(line);
        var cmdline = "dotnet run -c Release --project bench/Backfill.Bench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
        L($"### Backfill benchmark: {options.Rows:N0} snapshots, {string.Join(" and ", options.Payloads)} payloads — measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        L();
        L($"Command: `{cmdline}` ({_everything.Elapsed.TotalMinutes:0.0} min)");
        L();
        L($"Machine: {_machine.Cpu}, nproc {_machine.Cores}, {_machine.RamGiB:0.0} GiB RAM, {_machine.Os}; {_machine.Runtime}; "
            + $"{_pgVersion.Split(',')[0]} on {_pgWhere}; settings: {string.Join(", ", _pgSettings.Select(kv => $"{kv.Key}={kv.Value}"))}. "
            + $"1-minute load average {_loadAtStart:0.0} at the start, {_loadAtEnd:0.0} at the end (the machine is shared; a load above the core count inflates wall times). "
            + $"CPU calibration (one thread, no database: sort 1M integers, format and parse 1M doubles; median of 9): {_calibrationAtStart.TotalMilliseconds:0} ms at the start, "
            + $"{_calibrationAtEnd.TotalMilliseconds:0} ms at the end; a slower machine takes longer, so rates of two runs compare through it.");
        L();
        L($"Engine under test: `backfill run` through the CLI as `./backfill` builds it ({_engineBuild}); its options: {string.Join(' ', _cliOptions.Order(StringComparer.Ordinal).Select(o => $"`{o}`"))}. "
            + "Every run uses the engine's defaults unless the table says otherwise.");
        L();

        // ------------------------------------------------------------ data
        L("| Data set | Payload | Snapshots | Markets (with metadata) | Derived rows (rest = inserts) | Avg payload, generated | Avg raw_payload::text | Generation: COPY in | Database |");
        L("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in _sets.Values.Append(_big).OfType<PostgresBench.Generated>())
            L($"| {(g == _big ? "big" : "main")} | {g.Payload} | {g.Snapshots:N0} | {g.Markets:N0} ({g.MarketsWithMetadata:N0}) | {g.DerivedRows:N0} | {g.AvgPayloadBytes:N0} B | {g.ServerTextBytes:N0} B "
                + $"| {g.GenerateAndCopy.TotalSeconds:0}s = {g.Snapshots / g.GenerateAndCopy.TotalSeconds:N0} rows/s (+ VACUUM {g.Vacuum.TotalSeconds:0}s) | {Mb(g.DatabaseBytes)} |");
        L();
        L($"Generated listMarketBook snapshots: football MATCH_ODDS markets, 3 runners, up to {MarketFeed.Depth} levels per side, ~40 markets polled round-robin; "
            + "metadata for 98% of markets; derived rows for 97% of snapshots with every tier-a column NULL and the other metrics filled; 0.1% snapshots without payload, "
            + "and in the text set 0.05% cut-off (invalid JSON) payloads. Each timed step runs on a fresh copy (CREATE DATABASE … TEMPLATE, FILE_COPY, then a `sync` so the copy's dirty pages are on disk; "
            + $"median {Median(_copyTimes.Select(t => t.TotalSeconds)):0.0}s, not timed).");
        L();

        // ------------------------------------------------------------ summary
        L("#### Throughput");
        L();
        L("| What | Payload | Rows | Runs | rows/s (median) | min – max | Wall (s) | Peak RSS (MiB) | CPU client / server (s) | Load avg | Target |");
        L("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in _rowByRow)
        {
            var full = _sets[r.Payload].Snapshots / r.RowsPerSecond;
            L($"| Row-by-row baseline (seeds' shape; sample, extrapolated: whole table {Duration(full)}) | {r.Payload} | {r.Rows:N0} | 1 | **{r.RowsPerSecond:N0}** | | {r.Wall.TotalSeconds:0.0} | – "
                + $"| {r.ClientCpu.TotalSeconds:0.0} / {(r.ServerCpu is { } sc ? $"{sc.TotalSeconds:0.0}" : "–")} | {r.LoadBefore:0.0}→{r.LoadAfter:0.0} | |");
        }
        foreach (var r in _handSql)
            L($"| {char.ToUpperInvariant(r.Name[0])}{r.Name[1..]}, {r.Statements} statement{(r.Statements == 1 ? "" : "s")} | {r.Payload} | {r.Rows:N0} | 1 | **{r.RowsPerSecond:N0}** | | {r.Wall.TotalSeconds:0.0} | – "
                + $"| – / {(r.ServerCpu is { } sc ? $"{sc.TotalSeconds:0.0}" : "–")} | {r.LoadBefore:0.0}→{r.LoadAfter:0.0} | |");
        foreach (var job in new[] { "l1-sizes", "tier-a" })
            foreach (var payload in options.Payloads)
            {
                var rs = Main(job, payload);
                if (rs.Count == 0) continue;
                var target = job != "tier-a" ? "" : payload == "text" ? $"≥ {TierATextTarget:N0}: {Verdict(MainRate(job, payload) >= TierATextTarget)}" : $"≥ {TierAJsonbTarget:N0}: {Verdict(MainRate(job, payload) >= TierAJsonbTarget)}";
                L(EngineRow($"Backfill `{job}`", payload, rs, target));
            }
        foreach (var payload in options.Payloads)
        {
            var rs = _runs.Where(r => r.Section == UnnestSection && r.Payload == payload).Select(r => r.R).ToList();
            if (rs.Count > 0) L(EngineRow("Backfill `tier-a`, written with array parameters (`UPDATE … FROM unnest`) instead of the default COPY into a staging table", payload, rs, ""));
        }
        foreach (var job in new[] { "l1-sizes", "tier-a" })
            foreach (var payload in options.Payloads)
            {
                var rs = Writers(job, payload);
                if (rs.Count == 0) continue;
                var rate = WritersRate(job, payload);
                var target = job != "tier-a" ? "" : payload == "text" ? $"≥ {TierATextTarget:N0}: {Verdict(rate >= TierATextTarget)}" : $"≥ {TierAJsonbTarget:N0}: {Verdict(rate >= TierAJsonbTarget)}";
                L(EngineRow($"Backfill `{job} --writers 2` (two batches written at once, on two sessions)", payload, rs, target));
            }
        if (_sqliteRuns.Count > 0)
            L(EngineRow("Backfill `tier-a` on SQLite", "text", _sqliteRuns, $"≥ {SqliteTarget:N0}: {Verdict(Median(_sqliteRuns.Select(r => r.RowsPerSecond)) >= SqliteTarget)}"));
        L();
        L("rows/s = rows in the table ÷ wall time. Backfill: of the whole `backfill run JOB --json` child process (start-up, preparation, statistics, the batch loop; "
            + "every snapshot processed, the 3% without a derived row inserted). Hand-written SQL: of its UPDATE statements (it only updates existing derived rows). "
            + "Row-by-row: of the sample. Peak RSS = the child's ru_maxrss (GNU time). CPU = user + system of the client process and of its PostgreSQL backends "
            + "(from /proc; the row-by-row client CPU is the benchmark process). Load avg = 1-minute load before → after.");
        L();

        // ------------------------------------------------------------ ratios
        L("#### Ratios (same run)");
        L();
        L($"| Ratio | {string.Join(" | ", options.Payloads)} | Target |");
        L($"|---|{string.Concat(options.Payloads.Select(_ => "---:|"))}---|");
        string Row(string name, Func<string, double> f, string target) => $"| {name} | {string.Join(" | ", options.Payloads.Select(p => X(f(p))))} | {target} |";
        // The fastest hand-written form measured for the payload (for text: invalid payloads excluded beforehand, or guarded).
        double Hand(string p) => _handSql.Where(h => h.Payload == p).Select(h => h.RowsPerSecond).DefaultIfEmpty(double.NaN).Max();
        double Rbr(string p) => _rowByRow.FirstOrDefault(h => h.Payload == p)?.RowsPerSecond ?? double.NaN;
        // The floors: the best of one connection and one per core.
        double Floor(string cols) => _hardware.Where(h => h.Name.Contains(cols, StringComparison.Ordinal)).Select(h => h.RowsPerSecond).DefaultIfEmpty(double.NaN).Max();
        double CopyOut(string p) => _hardware.Where(h => h.Name.StartsWith("bare COPY", StringComparison.Ordinal) && h.Payload == p).Select(h => h.RowsPerSecond).DefaultIfEmpty(double.NaN).Max();
        L(Row("`l1-sizes` ÷ hand-written SQL UPDATE (its fastest form)", p => MainRate("l1-sizes", p) / Hand(p),
            $"≥ {L1VsHandTarget:0}×: {string.Join(", ", options.Payloads.Select(p => $"{p} {(double.IsNaN(Hand(p)) ? "–" : Verdict(MainRate("l1-sizes", p) / Hand(p) >= L1VsHandTarget))}"))}"));
        L(Row("`l1-sizes` ÷ row-by-row baseline", p => MainRate("l1-sizes", p) / Rbr(p),
            $"≥ {L1VsRowByRowTarget:0}×: {string.Join(", ", options.Payloads.Select(p => $"{p} {(double.IsNaN(Rbr(p)) ? "–" : Verdict(MainRate("l1-sizes", p) / Rbr(p) >= L1VsRowByRowTarget))}"))}"));
        L(Row("`tier-a` ÷ row-by-row baseline", p => MainRate("tier-a", p) / Rbr(p), ""));
        if (_runs.Any(r => r.Section == WritersSection))
        {
            L(Row("`l1-sizes --writers 2` ÷ hand-written SQL UPDATE", p => WritersRate("l1-sizes", p) / Hand(p),
                $"≥ {L1VsHandTarget:0}×: {string.Join(", ", options.Payloads.Select(p => $"{p} {(double.IsNaN(Hand(p)) || double.IsNaN(WritersRate("l1-sizes", p)) ? "–" : Verdict(WritersRate("l1-sizes", p) / Hand(p) >= L1VsHandTarget))}"))}"));
            L(Row("`l1-sizes --writers 2` ÷ row-by-row baseline", p => WritersRate("l1-sizes", p) / Rbr(p),
                $"≥ {L1VsRowByRowTarget:0}×: {string.Join(", ", options.Payloads.Select(p => $"{p} {(double.IsNaN(Rbr(p)) || double.IsNaN(WritersRate("l1-sizes", p)) ? "–" : Verdict(WritersRate("l1-sizes", p) / Rbr(p) >= L1VsRowByRowTarget))}"))}"));
            L(Row("`tier-a --writers 2` ÷ `tier-a`", p => WritersRate("tier-a", p) / MainRate("tier-a", p), ""));
        }
        if (options.Payloads.Contains("jsonb") && options.Payloads.Contains("text"))
            L($"| `tier-a` text ÷ `tier-a` jsonb | {string.Join(" | ", options.Payloads.Select(p => p == "text" ? X(MainRate("tier-a", "text") / MainRate("tier-a", "jsonb")) : ""))} | |");
        L(Row("hand-written SQL: text ÷ jsonb", p => p == "text" ? Hand("text") / Hand("jsonb") : double.NaN, ""));
        L(Row("`l1-sizes` ÷ UPDATE-only write floor (6 columns)", p => MainRate("l1-sizes", p) / Floor("6 l1-sizes"), "(≤ 1: the floor bounds it)"));
        L(Row("`tier-a` ÷ UPDATE-only write floor (24 columns)", p => MainRate("tier-a", p) / Floor("24 tier-a"), "(≤ 1: the floor bounds it)"));
        L(Row("`tier-a` ÷ bare COPY out of the payloads", p => MainRate("tier-a", p) / CopyOut(p), ""));
        L(Row("`tier-a` ÷ its target", p => MainRate("tier-a", p) / (p == "text" ? TierATextTarget : TierAJsonbTarget), "≥ 1×"));
        L();
        // Targets against what the machine does alone: a target above a floor cannot be met on this machine.
        foreach (var p in options.Payloads)
        {
            var (hand, read, write6, write24) = (Hand(p), CopyOut(p), Floor("6 l1-sizes"), Floor("24 tier-a"));
            if (!double.IsNaN(hand) && !double.IsNaN(write6))
            {
                var need = hand * L1VsHandTarget;
                var both = double.IsNaN(read) ? write6 : 1 / ((1 / read) + (1 / write6));
                L($"{p}: `l1-sizes` at {L1VsHandTarget:0}× the hand-written UPDATE would be **{need:N0} rows/s**; this machine writes those six columns alone (no read, no JSON) "
                    + $"at {write6:N0} rows/s{(double.IsNaN(read) ? "" : $", reads the payloads alone at {read:N0} rows/s, both together at most ~{both:N0} rows/s")} — "
                    + (need > Math.Min(write6, double.IsNaN(read) ? double.MaxValue : read) ? "**above what the hardware does for reading or writing alone: out of reach here**."
                        : need > both ? "**above the read + write bound: out of reach here**." : "within the read + write bound."));
                L();
            }
            var target = p == "text" ? TierATextTarget : TierAJsonbTarget;
            if (!double.IsNaN(read) && !double.IsNaN(write24))
            {
                var both = 1 / ((1 / read) + (1 / write24));
                L($"{p}: `tier-a` target {target:N0} rows/s; this machine reads the payloads alone at {read:N0} rows/s and writes the 24 columns alone at {write24:N0} rows/s "
                    + $"(best of 1 and {Math.Max(2, _machine.Cores)} connections), both together at most ~{both:N0} rows/s — the target is "
                    + (target > Math.Min(read, write24) ? "**above what the hardware does for reading or writing alone: out of reach here**"
                        : target > both ? "**above the read + write bound: out of reach here unless a side gets cheaper**" : "within the read + write bound")
                    + $"; measured {N0(MainRate("tier-a", p))} rows/s = {MainRate("tier-a", p) / both:P0} of the bound.");
                L();
            }
        }

        // ------------------------------------------------------------ hardware
        if (_hardware.Count > 0)
        {
            L("#### Hardware reference: what the machine does alone");
            L();
            L("| What | Payload | Rows | rows/s | MB/s | Wall (s) | Server CPU (s) | Load avg |");
            L("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var h in _hardware)
                L($"| {h.Name}{(h.Statements > 1 ? $" ({h.Statements} statements by key range)" : "")} | {h.Payload} | {h.Rows:N0} | **{h.RowsPerSecond:N0}** "
                    + $"| {(h.Bytes > 0 ? $"{h.Bytes / h.Wall.TotalSeconds / 1e6:0}" : "–")} | {h.Wall.TotalSeconds:0.0} | {(h.ServerCpu is { } c ? $"{c.TotalSeconds:0.0}" : "–")} | {h.LoadBefore:0.0}→{h.LoadAfter:0.0} |");
            L();
            L("Bare COPY out = every `(snapshot_id, raw_payload)` streamed to the benchmark with `COPY … TO STDOUT (FORMAT BINARY)` and discarded (jsonb is rendered as text "
                + "by the server, as for the engine): the cost of reading the payloads, nothing else. UPDATE-only write floor = `UPDATE market_derived_metrics SET <targets> = "
                + "<role>_best_back WHERE snapshot_id in a key range`, statement after statement: writing the job's columns (NULL → value) with no payload read and no JSON work. "
                + "The generation rate in the data table is a binary COPY in of the same rows (with the generator in the loop).");
            L();
            L("With data in memory these are CPU-bound, so when one connection per core already uses the whole machine, doing both costs the sum of their times: "
                + "1 ÷ (1/read + 1/write) bounds any backfill that reads the payloads and writes the columns on this machine, before JSON parsing or computing (the "
                + "client shares the same cores). The verdicts under the ratios use these bounds.");
            L();
        }

        // ------------------------------------------------------------ memory
        L("#### Peak memory");
        L();
        var bigRuns = _runs.Where(r => r.Section == "big").ToList();
        if (bigRuns.Count == 0)
        {
            L($"Peak RSS at {options.Rows:N0} rows (median): {string.Join("; ", new[] { "l1-sizes", "tier-a" }.SelectMany(j => options.Payloads.Select(p => (j, p))).Where(x => Main(x.j, x.p).Count > 0).Select(x => $"`{x.j}` {x.p} {Median(Main(x.j, x.p).Select(r => r.PeakRssBytes / 1048576.0)):N0} MiB"))}. "
                + "The big set was not built (`--big-rows 0`): growth from 1M to 10M not measured.");
        }
        else
        {
            L($"| Job | Payload | Peak RSS at {options.Rows:N0} rows (MiB, median) | Peak RSS at {_big!.Snapshots:N0} rows (MiB) | Growth | Avg batch (rows) at {options.Rows:N0} / {_big.Snapshots:N0} | rows/s at {_big.Snapshots:N0} | Target: < {PeakMemoryTargetMiB:N0} MB at the big size, no growth |");
            L("|---|---|---:|---:|---:|---:|---:|---|");
            foreach (var b in bigRuns)
            {
                // The main set's runs of the same payload type, else of the first payload type (named).
                var smallPayload = Main(b.R.Job, b.Payload).Count > 0 ? b.Payload : options.Payloads[0];
                var small = Median(Main(b.R.Job, smallPayload).Select(r => r.PeakRssBytes / 1048576.0));
                var big = b.R.PeakRssBytes / 1048576.0;
                var growth = big / small;
                L($"| `{b.R.Job}` | {b.Payload} | {N0(small)}{(smallPayload == b.Payload ? "" : $" ({smallPayload})")} | {big:N0} | {(double.IsNaN(growth) ? "–" : $"{(growth - 1):+0%;-0%;0%}")} "
                    + $"| {N0(Median(Main(b.R.Job, smallPayload).Select(r => r.AvgBatch)))} / {b.R.AvgBatch:N0} | {b.R.RowsPerSecond:N0} "
                    + $"| {Verdict(b.R.PeakRssBytes < PeakMemoryTargetMiB * 1e6 && (double.IsNaN(growth) || growth < 1.10))} |");
            }
            L();
            L("On the big set, `l1-sizes` runs first and `tier-a` second on the same database (a copy would double the disk), so `tier-a` finds the six L1 columns already filled; "
                + "every row is still a candidate. \"No growth\" is read as less than 10% more.");
        }
        L();

        // ------------------------------------------------------------ interference
        if (_ingest.Count > 0)
        {
            L("#### Live interference: a loopback ingester at " + $"{options.IngestRate:N0} inserts/s");
            L();
            L("| Phase | Window (s) | Inserts | Achieved rate (/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | Max (ms) | Missed slots | Backfill tier-a during it | Load avg |");
            L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
            foreach (var s in _ingest)
            {
                var run = _runs.FirstOrDefault(r => r.Section == $"interference: {s.Phase}")?.R;
                L($"| {s.Phase} | {s.Seconds:0.0} | {s.Inserts:N0} | **{s.AchievedRate:N0}** | {s.P50Ms:0.00} | **{s.P99Ms:0.00}** | {s.P999Ms:0.00} | {s.MaxMs:0.0} | {s.Missed:N0} "
                    + $"| {(run is null ? "" : $"{run.RowsPerSecond:N0} rows/s, {run.Wall.TotalSeconds:0}s{(run.Args.Count > 0 ? $" (`{run.ArgsText}`)" : "")}")} | {s.LoadBefore:0.0}→{s.LoadAfter:0.0} |");
            }
            L();
            var alone = _ingest.FirstOrDefault(s => s.Phase == "alone");
            var unthrottled = _ingest.FirstOrDefault(s => s.Phase == "unthrottled");
            if (alone is not null)
            {
                if (unthrottled is not null)
                {
                    L($"Unthrottled: p99 {X(unthrottled.P99Ms / alone.P99Ms)} the ingester's p99 alone, p50 {X(unthrottled.P50Ms / alone.P50Ms)}; "
                        + $"achieved rate {unthrottled.AchievedRate / options.IngestRate:P0} of the target.");
                    L();
                }
                foreach (var throttle in options.Throttles)
                {
                    var t = _ingest.FirstOrDefault(s => s.Phase == $"throttled: {throttle}");
                    var before = _ingest.FirstOrDefault(s => s.Phase == $"alone (before {throttle})");
                    L(t is null
                        ? $"Throttled (`{throttle}`): **not measured** (see the notes)."
                        : $"Throttled (`{throttle}`): **p99 {X(t.P99Ms / alone.P99Ms)} the p99 alone** (target < {P99RatioTarget:0}×: {Verdict(t.P99Ms / alone.P99Ms < P99RatioTarget)}); "
                            + $"{(before is null ? "" : $"{X(t.P99Ms / before.P99Ms)} the p99 of the shorter baseline just before it; ")}"
                            + $"p50 {X(t.P50Ms / alone.P50Ms)}; achieved rate {t.AchievedRate / options.IngestRate:P0} of the target.");
                    L();
                }
            }
            L("The ingester: one thread, one connection, a prepared `WITH s AS (INSERT INTO market_book_snapshots … RETURNING …) INSERT INTO market_derived_metrics … SELECT … FROM s` "
                + "per snapshot (payload and derived prices), autocommit, on a deadline schedule at the target rate (it sleeps while ahead, sends back to back while behind; a backlog over "
                + "100 ms is dropped and counted as missed slots). Latency = send to reply of each insert. During a run only inserts completed while the `backfill` process was alive count. "
                + "Same PostgreSQL cluster, same database copy as the run.");
            L();
        }

        // ------------------------------------------------------------ correctness
        foreach (var (payload, compared, different, example) in _comparisons)
            L($"Check ({payload}): the hand-written UPDATE and `l1-sizes` agree on {compared - different:N0} of {compared:N0} sampled rows{(different > 0 ? $"; {different:N0} differ, e.g. {example}" : "")}.");
        if (_comparisons.Count > 0) L();

        // ------------------------------------------------------------ every run
        L("#### Every engine run");
        L();
        L("| Section | Job | Store / payload | Args | Rows | rows/s (wall) | rows/s (loop) | Wall (s) | Batches (avg rows) | Peak RSS (MiB) | CPU engine / server (s) | rows per CPU-s | updated / inserted / skipped / errors | Load avg |");
        L("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var (section, payload, r) in _runs.Select(r => (r.Section, r.Payload, r.R)).Concat(_sqliteRuns.Select(r => ("main", "text", r))))
            L($"| {section} | `{r.Job}` | {r.Store} / {payload} | {r.ArgsText} | {r.Processed:N0} | {r.RowsPerSecond:N0} | {r.LoopRowsPerSecond:N0} | {r.Wall.TotalSeconds:0.0} "
                + $"| {r.Batches:N0} ({r.AvgBatch:N0}) | {r.PeakRssBytes / 1048576.0:N0} | {r.EngineCpu.TotalSeconds:0.0} / {(r.ServerCpu is { } sc ? $"{sc.TotalSeconds:0.0}" : "–")} "
                + $"| {(r.RowsPerCpuSecond is { } pc ? $"{pc:N0}" : "–")} | {r.Updated:N0} / {r.Inserted:N0} / {r.Skipped:N0} / {r.Errors:N0} | {r.LoadBefore:0.0}→{r.LoadAfter:0.0} |");
        L();
        L("rows/s (loop) is the CLI's own figure (its batch loop only). rows per CPU-s = rows ÷ (engine + server CPU): robust to other load on the machine.");
        L();
        if (_sqliteGenerated is { } sg)
        {
            L($"SQLite: {sg.Snapshots:N0} snapshots, {sg.DerivedRows:N0} derived rows, file {Mb(sg.FileBytes)}, generated in {sg.Took.TotalSeconds:0.0}s; the store's defaults (WAL, synchronous=NORMAL).");
            L();
        }
        if (_handSql.FirstOrDefault() is { } hs)
        {
            L($"The hand-written UPDATE as run on {hs.Payload} payloads (`$1`, `$2` = a key range of {options.Chunk:N0}; statement after statement on one connection, each autocommitted):");
            L();
            L("```sql");
            L(hs.Sql);
            L("```");
            L();
            foreach (var other in _handSql.Skip(1))
            {
                var lines = other.Sql.Split('\n').Where(l => l.Contains("LATERAL", StringComparison.Ordinal) || l.TrimStart().StartsWith("WHERE s.", StringComparison.Ordinal));
                L($"{char.ToUpperInvariant(other.Name[0])}{other.Name[1..]} ({other.Payload}): the same statement with `{string.Join("` and `", lines.Select(l => l.Trim()))}`.");
                L();
            }
            L("For text payloads one invalid payload makes the cast fail and aborts the whole statement, so a user must guard it (PostgreSQL 15 has no `pg_input_is_valid`: "
                + "a PL/pgSQL function with an EXCEPTION block, a subtransaction per row) or know the bad rows beforehand; both are measured and the ratios use the faster.");
            L();
        }
        foreach (var note in _notes)
        {
            L($"Note: {note}");
            L();
        }
        return sb.ToString();
    }

    private static string EngineRow(string what, string payload, IReadOnlyList<EngineProcess.Result> rs, string target)
    {
        var rates = rs.Select(r => r.RowsPerSecond).ToList();
        var server = rs.All(r => r.ServerCpu is not null) ? $"{Median(rs.Select(r => r.ServerCpu!.Value.TotalSeconds)):0.0}" : "–";
        return $"| {what} | {payload} | {rs[0].Processed:N0} | {rs.Count} | **{Median(rates):N0}** | {rates.Min():N0} – {rates.Max():N0} | {Median(rs.Select(r => r.Wall.TotalSeconds)):0.0} "
            + $"| {Median(rs.Select(r => r.PeakRssBytes / 1048576.0)):N0} | {Median(rs.Select(r => r.EngineCpu.TotalSeconds)):0.0} / {server} "
            + $"| {string.Join(", ", rs.Select(r => $"{r.LoadBefore:0.0}→{r.LoadAfter:0.0}"))} | {target} |";
    }
}
