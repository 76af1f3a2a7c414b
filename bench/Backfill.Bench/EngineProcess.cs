using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Backfill.Bench;

/// <summary>
/// Runs <c>backfill run tier-a --json</c> (the real CLI, the build next to this program) in a child process
/// and measures its wall time and peak resident memory. Peak RSS comes from GNU time's
/// "Maximum resident set size" (the kernel's ru_maxrss of the child) when /usr/bin/time exists; the
/// child's VmHWM is also sampled from /proc every 50 ms as a fallback and cross-check.
/// </summary>
internal static class EngineProcess
{
    private const string GnuTime = "/usr/bin/time";

    public sealed record Result(
        string Store, int BatchSize, long Processed, long Updated, long Inserted, long Skipped, long Errors, long Batches,
        TimeSpan Wall, TimeSpan EngineElapsed, long PeakRssBytes, string PeakRssSource, long? SampledHwmBytes, string RawJson)
    {
        /// <summary>Processed rows over the child's whole wall time (start-up, NULL stats before and after, and the loop).</summary>
        public double RowsPerSecond => Processed / Wall.TotalSeconds;

        /// <summary>Processed rows over the engine's own loop time (what the CLI prints).</summary>
        public double LoopRowsPerSecond => Processed / EngineElapsed.TotalSeconds;
    }

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "backfill.dll");

    public static async Task<Result> RunAsync(string store, string db, int? batchSize, CancellationToken ct)
    {
        if (!File.Exists(CliPath)) throw new FileNotFoundException($"The CLI build is missing at {CliPath}.");
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var cliArgs = new List<string> { CliPath, "run", "tier-a", "--db", db, "--json" };
        if (batchSize is { } b) cliArgs.AddRange(["--batch-size", b.ToString(CultureInfo.InvariantCulture)]);

        var useTime = File.Exists(GnuTime);
        var timeOut = Path.Combine(Path.GetTempPath(), $"backfill-bench-time-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        var psi = new ProcessStartInfo(useTime ? GnuTime : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime) foreach (var a in new[] { "-v", "-o", timeOut, dotnet }) psi.ArgumentList.Add(a);
        foreach (var a in cliArgs) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        long sampled = 0;
        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!sampler.IsCancellationRequested)
            {
                foreach (var pid in SelfAndDescendants(process.Id))
                    sampled = Math.Max(sampled, ReadHwm(pid));
                try { await Task.Delay(50, sampler.Token); } catch (OperationCanceledException) { break; }
            }
        }, CancellationToken.None);
        await process.WaitForExitAsync(ct);
        var wall = watch.Elapsed;
        await sampler.CancelAsync();
        await sampling;
        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"backfill exited with {process.ExitCode}:\n{errors}\n{output}");

        long peak = sampled;
        var source = "sampled VmHWM";
        if (useTime && File.Exists(timeOut))
        {
            var line = File.ReadAllLines(timeOut).FirstOrDefault(l => l.Contains("Maximum resident set size", StringComparison.Ordinal));
            File.Delete(timeOut);
            if (line is not null && long.TryParse(line[(line.LastIndexOf(':') + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                peak = kb * 1024;
                source = "ru_maxrss";
            }
        }

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        long L(string name) => root.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        var elapsed = root.TryGetProperty("elapsed", out var e) ? TimeSpan.Parse(e.GetString()!, CultureInfo.InvariantCulture) : wall;
        return new Result(store, batchSize ?? Backfill.Core.Runs.RunRequest.DefaultBatchSize, L("processed"), L("updated"), L("inserted"),
            L("skipped"), L("errors"), L("batches"), wall, elapsed, peak, source, sampled == 0 ? null : sampled, output);
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
