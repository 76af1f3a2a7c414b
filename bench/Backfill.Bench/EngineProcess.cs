using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Backfill.Bench;

/// <summary>
/// Runs <c>backfill run JOB --json [args]</c> (the real CLI, as <c>./backfill</c> builds it) in a child process
/// and measures its wall time, CPU time and peak resident memory. Peak RSS and CPU come from GNU time
/// ("Maximum resident set size" = the kernel's ru_maxrss of the child; user + system time) when /usr/bin/time
/// exists; the child's VmHWM and CPU are also sampled from /proc every 50 ms as a fallback and cross-check.
/// When the PostgreSQL server runs on this machine, the CPU time of the run's server backend (found by its
/// process title, which names the database) is sampled too.
/// </summary>
internal static class EngineProcess
{
    private const string GnuTime = "/usr/bin/time";
    private const double ClockTick = 1.0 / 100; // USER_HZ

    public sealed record Result(
        string Store, string Job, IReadOnlyList<string> Args, long Processed, long Updated, long Inserted, long Skipped, long Errors, long Batches,
        TimeSpan Wall, TimeSpan EngineElapsed, long PeakRssBytes, string PeakRssSource, long? SampledHwmBytes,
        TimeSpan EngineCpu, TimeSpan? ServerCpu, double LoadBefore, double LoadAfter, string RawJson)
    {
        /// <summary>Processed rows over the child's whole wall time (start-up, NULL stats before and after, and the loop).</summary>
        public double RowsPerSecond => Processed / Wall.TotalSeconds;

        /// <summary>Processed rows over the engine's own loop time (what the CLI prints).</summary>
        public double LoopRowsPerSecond => Processed / EngineElapsed.TotalSeconds;

        /// <summary>
        /// Processed rows over engine CPU + server backend CPU: the rate if the two never ran at the same time.
        /// Robust to other load on the machine; the two overlap a little (the server streams a batch while the
        /// engine decodes it), so an idle machine with a core for each can beat it.
        /// </summary>
        public double? RowsPerCpuSecond => ServerCpu is { } s ? Processed / (EngineCpu + s).TotalSeconds : null;

        public double AvgBatch => Batches == 0 ? 0 : (double)Processed / Batches;

        public string ArgsText => Args.Count == 0 ? "(defaults)" : string.Join(' ', Args);
    }

    /// <summary>The CLI's <c>run --help</c> text, to see which options the engine under test has.</summary>
    public static async Task<string> RunHelpAsync(CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliPath, "run", "--help" }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return await output + await errors;
    }

    /// <summary>Options (--name) that a help text lists.</summary>
    public static IReadOnlySet<string> OptionsIn(string help) =>
        System.Text.RegularExpressions.Regex.Matches(help, @"(?<![\w-])--[a-z][a-z0-9-]*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The build the repository's <c>./backfill</c> runs (precompiled; see <see cref="PrepareCliAsync"/>).</summary>
    public static string CliPath => Path.Combine(RepositoryRoot, "artifacts", "cli", "backfill.dll");

    /// <summary>Whether the CLI's own assembly holds ReadyToRun code (./backfill falls back to a plain build without it).</summary>
    public static bool IsPrecompiled
    {
        get
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(CliPath));
            return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "backfill")) && File.Exists(Path.Combine(dir.FullName, "Backfill.slnx"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No repository (a folder with ./backfill and Backfill.slnx) above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>
    /// Has <c>./backfill</c> build the CLI if the sources changed since its last build, so the benchmark measures
    /// what a user runs, start-up included (a ReadyToRun build, not the JIT-only build next to this program).
    /// </summary>
    public static async Task PrepareCliAsync(TextWriter log, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(Path.Combine(RepositoryRoot, "backfill")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--version");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start ./backfill");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 || !File.Exists(CliPath))
            throw new InvalidOperationException($"./backfill could not build the CLI (exit {process.ExitCode}): {await errors}{await output}");
        if ((await errors).Trim() is { Length: > 0 } said) log.WriteLine($"  {said.Replace("\n", "\n  ", StringComparison.Ordinal)}");
    }

    /// <param name="serverDatabase">The PostgreSQL database the run works in, to find its server backends; null for SQLite.</param>
    /// <param name="otherBackends">Backends of that database that are not the engine's (the live ingester's).</param>
    public static async Task<Result> RunAsync(string store, string job, string db, IReadOnlyList<string> args, string? serverDatabase, CancellationToken ct,
        IReadOnlySet<int>? otherBackends = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(CliPath)) throw new FileNotFoundException($"The CLI build is missing at {CliPath}.");
        var cliArgs = new List<string> { CliPath, "run", job, "--db", db, "--json" };
        cliArgs.AddRange(args);

        var useTime = File.Exists(GnuTime);
        var timeOut = Path.Combine(Path.GetTempPath(), $"backfill-bench-time-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        var psi = new ProcessStartInfo(useTime ? GnuTime : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime) foreach (var a in new[] { "-v", "-o", timeOut, "dotnet" }) psi.ArgumentList.Add(a);
        foreach (var a in cliArgs) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;

        var loadBefore = LoadAverage();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        long sampledHwm = 0;
        var childCpu = new Dictionary<int, long>();
        var serverCpu = new Dictionary<int, long>();
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            var round = 0;
            while (!sampler.IsCancellationRequested)
            {
                foreach (var pid in SelfAndDescendants(process.Id))
                {
                    sampledHwm = Math.Max(sampledHwm, ReadHwm(pid));
                    if (CpuTicks(pid) is { } t) childCpu[pid] = t;
                }
                // The backend lives as long as the CLI's connection; look for new ones every 0.5 s.
                if (serverDatabase is not null && round++ % 10 == 0)
                    foreach (var pid in ServerBackends(serverDatabase))
                        if (otherBackends?.Contains(pid) != true) serverCpu.TryAdd(pid, 0);
                foreach (var pid in serverCpu.Keys.ToList())
                    if (CpuTicks(pid) is { } t) serverCpu[pid] = t;
                try { await Task.Delay(50, sampler.Token); } catch (OperationCanceledException) { break; }
            }
        }, CancellationToken.None);
        await process.WaitForExitAsync(ct);
        var wall = watch.Elapsed;
        await sampler.CancelAsync();
        await sampling;
        var loadAfter = LoadAverage();
        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"backfill exited with {process.ExitCode}:\n{errors}\n{output}");

        var peak = sampledHwm;
        var source = "sampled VmHWM";
        var cpu = TimeSpan.FromSeconds(childCpu.Values.Sum() * ClockTick);
        if (useTime && File.Exists(timeOut))
        {
            var lines = File.ReadAllLines(timeOut);
            File.Delete(timeOut);
            string? Field(string name) => lines.FirstOrDefault(l => l.TrimStart().StartsWith(name, StringComparison.Ordinal)) is { } l ? l[(l.LastIndexOf(':') + 1)..].Trim() : null;
            if (long.TryParse(Field("Maximum resident set size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                peak = kb * 1024;
                source = "ru_maxrss";
            }
            if (double.TryParse(Field("User time (seconds)"), NumberStyles.Float, CultureInfo.InvariantCulture, out var user)
                && double.TryParse(Field("System time (seconds)"), NumberStyles.Float, CultureInfo.InvariantCulture, out var sys))
                cpu = TimeSpan.FromSeconds(user + sys);
        }

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        long L(string name) => root.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        var elapsed = root.TryGetProperty("elapsed", out var e) ? TimeSpan.Parse(e.GetString()!, CultureInfo.InvariantCulture) : wall;
        return new Result(store, job, args.ToList(), L("processed"), L("updated"), L("inserted"),
            L("skipped"), L("errors"), L("batches"), wall, elapsed, peak, source, sampledHwm == 0 ? null : sampledHwm,
            cpu, serverCpu.Count == 0 ? null : TimeSpan.FromSeconds(serverCpu.Values.Sum() * ClockTick), loadBefore, loadAfter, output);
    }

    /// <summary>1-minute load average (other work on the machine skews wall times; the report shows it).</summary>
    public static double LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture); }
        catch (IOException) { return double.NaN; }
    }

    /// <summary>utime + stime in clock ticks, null when the process is gone.</summary>
    public static long? CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Client backends of a database on a local server: process title "postgres: user database host(port) state".</summary>
    private static IEnumerable<int> ServerBackends(string database)
    {
        var tag = $" {database} ";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)) continue;
            string title;
            try { title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (title.StartsWith("postgres: ", StringComparison.Ordinal) && title.Contains(tag, StringComparison.Ordinal)
                && !title.Contains("autovacuum", StringComparison.Ordinal))
                yield return pid;
        }
    }

    private static IEnumerable<int> SelfAndDescendants(int pid)
    {
        var stack = new Stack<int>();
        stack.Push(pid);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            yield return p;
            string[] children;
            try
            {
                children = Directory.GetDirectories($"/proc/{p}/task")
                    .SelectMany(t => File.Exists($"{t}/children") ? File.ReadAllText($"{t}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
                    .ToArray();
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var c in children) if (int.TryParse(c, CultureInfo.InvariantCulture, out var child)) stack.Push(child);
        }
    }

    /// <summary>VmHWM (peak RSS so far) of a process in bytes, 0 when it is gone.</summary>
    public static long ReadHwm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
