using System.Globalization;
using Backfill.Core.Runs;

namespace Backfill.Cli.Output;

/// <summary>A progress bar with rows/s and ETA on a terminal; a plain line every few seconds otherwise (logs, CI).</summary>
public sealed class ProgressPrinter(bool terminal) : IProgress<RunProgress>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private TimeSpan _lastLine = TimeSpan.FromSeconds(-10);
    private bool _drawn;

    private bool _paused;

    public static ProgressPrinter ForConsole() => new(!Console.IsErrorRedirected);

    public void Report(RunProgress p)
    {
        // Pauses by the throttle: on the bar while they last; as one line when they start and end otherwise.
        if (!terminal && (p.Paused is not null) != _paused)
        {
            Console.Error.WriteLine(p.Paused is { } why ? $"paused: {why}" : "resumed");
            _paused = p.Paused is not null;
        }
        if (terminal && p.Paused is { } reason)
        {
            Console.Error.Write($"\r{string.Create(Inv, $"paused: {reason}; {Done(p)} rows done"),-100}");
            _drawn = true;
            return;
        }
        if (p.Paused is not null) return;
        if (terminal)
        {
            // While the rows to do are still being counted there is no fraction to show.
            var fraction = p.Total is not { } total ? 0 : total > 0 ? Math.Min(1, (double)p.Processed / total) : 1;
            var filled = (int)(fraction * 30);
            var percent = p.Total is null ? "    ?" : string.Create(Inv, $"{fraction * 100,5:0.0}");
            Console.Error.Write($"\r[{new string('#', filled)}{new string('-', 30 - filled)}] {percent}% {Line(p)}   ");
            _drawn = true;
        }
        else if (p.Elapsed - _lastLine >= TimeSpan.FromSeconds(5))
        {
            _lastLine = p.Elapsed;
            Console.Error.WriteLine($"progress: {Line(p)}");
        }
    }

    public void Done()
    {
        if (_drawn) Console.Error.WriteLine();
    }

    private static string Done(RunProgress p) =>
        p.Total is { } total ? string.Create(Inv, $"{p.Processed:N0}/{total:N0}") : string.Create(Inv, $"{p.Processed:N0}/(counting)");

    private static string Line(RunProgress p) =>
        string.Create(Inv, $"{Done(p)} rows, {p.Updated + p.Inserted:N0} written, {p.Skipped:N0} skipped, {p.Errors:N0} errors, {p.RowsPerSecond:N0} rows/s, ETA {(p.Eta is { } e ? e.ToString(@"h\:mm\:ss", Inv) : "-")}{(p.BatchSize > 0 ? $", batch {p.BatchSize:N0}" : "")}");
}
