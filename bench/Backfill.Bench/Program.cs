using System.Diagnostics;
using System.Globalization;
using Backfill.Bench;

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
    long bytes = 0, n = 0, payloads = 0;
    foreach (var s in new MarketFeed(options.Rows, options.Seed, invalidJson: false).Snapshots())
    {
        n++;
        if (s.Payload is null) continue;
        bytes += s.Payload.Length;
        payloads++;
    }
    Console.WriteLine($"generated {n:N0} snapshots, {payloads:N0} payloads ({bytes / 1024.0 / 1024.0:N0} MiB, avg {(double)bytes / Math.Max(1, payloads):N0} B) "
        + $"in {w.Elapsed.TotalSeconds:0.00}s = {n / w.Elapsed.TotalSeconds:N0}/s");
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await new BenchRun(options, args, Console.Out).RunAsync(cts.Token);
