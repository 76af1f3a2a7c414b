using System.CommandLine;
using System.Globalization;
using Backfill.Cli.Output;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.Core.Throttling;

namespace Backfill.Cli.Commands;

public static class RunCommand
{
    private static readonly Argument<string[]> Targets = new("targets")
    {
        Description = "A job (see 'backfill jobs'), or a pipeline (e.g. nba) or some of its processors for a partitioned run by date.",
        Arity = ArgumentArity.OneOrMore,
    };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Compute everything and report what would change; write nothing at all." };
    private static readonly Option<long?> Limit = new("--limit") { Description = "Process at most N candidate rows (a small trial batch)." };
    private static readonly Option<int?> BatchSize = new("--batch-size")
    {
        Description = $"Fixes every batch at N rows (1 to {RunRequest.MaxBatchSize:N0}). Default: sized by time (--batch-time); each batch is one short transaction that also stores the checkpoint.",
    };
    private static readonly Option<string?> BatchTime = new("--batch-time")
    {
        Description = "Size batches so each keeps the writer busy about this long (seconds, or e.g. 500ms, 2s; default 0.5): the next size follows the smoothed rows/s, grows at most 20% a step, halves after a timeout.",
    };
    private static readonly Option<int?> MinBatch = new("--min-batch")
    {
        Description = $"Smallest batch when sizing by time (default {BatchSizeOptions.DefaultMinSize}); a batch that times out is retried at half its size down to this, then recorded as a failed range.",
    };
    private static readonly Option<int?> MaxBatch = new("--max-batch") { Description = $"Largest batch when sizing by time (default {BatchSizeOptions.DefaultMaxSize:N0})." };
    private static readonly Option<string?> MaxLoad = new("--max-load")
    {
        Description = "PostgreSQL: pause while the load (sessions running a statement, other than the run's own, plus lock requests waiting) is above this; resume at or below it.",
    };
    private static readonly Option<string?> CriticalLoad = new("--critical-load")
    {
        Description = "PostgreSQL: stop cleanly when the load is above this (state interrupted, checkpoint kept, exit 130; continue with --resume).",
    };
    private static readonly Option<string?> MaxLag = new("--max-lag") { Description = "PostgreSQL: pause while a replica's replay lag is above this (seconds, or e.g. 10s, 2m)." };
    private static readonly Option<string?> DutyCycleOption = new("--duty-cycle")
    {
        Description = "Keep the writer busy at most this fraction of wall time (0 < F <= 1, e.g. 0.5): after each batch it sleeps busy x (1 - F) / F.",
    };
    private static readonly Option<bool> LowPriority = new("--low-priority")
    {
        Description = "Run at the lowest CPU priority (nice 19) and, when PostgreSQL runs on this machine and this user may (its user or root), "
            + "lower the run's server sessions too, without parallel workers: live queries win the CPU when both want it "
            + "(Linux weighs nice within a session's scheduling group; measured in bench/RESULTS.md).",
    };
    private static readonly Option<int?> Cores = new("--cores")
    {
        Description = "Run the engine on at most N CPU cores (the last N it may use) and, when PostgreSQL runs on this machine and this user may "
            + "(its user or root), pin the run's server sessions to the same cores, without parallel workers: live traffic keeps the other cores "
            + "to itself (Linux; default all cores; measured in bench/RESULTS.md).",
    };
    private static readonly Option<string?> LockTimeout = new("--lock-timeout")
    {
        Description = "PostgreSQL: how long a batch may wait for a lock held by live traffic (default 2s; 0 = no limit). A batch that times out is rolled back and retried smaller.",
    };
    private static readonly Option<string?> StatementTimeout = new("--statement-timeout")
    {
        Description = "PostgreSQL: how long one statement of a batch may run (default 30s; 0 = no limit). A batch that times out is rolled back and retried smaller.",
    };

    private static readonly Option<int?> Writers = new("--writers")
    {
        Description = "PostgreSQL: write N consecutive batches at once (disjoint key ranges), each on a session of its own (default 1). "
            + "They commit in key order, so the checkpoint and the ledger read as with one writer. More load on the server: "
            + "use it when the server has cores to spare (bench/RESULTS.md).",
    };

    private static readonly Option[] ThrottleOptions = [BatchTime, MinBatch, MaxBatch, MaxLoad, CriticalLoad, MaxLag, DutyCycleOption, LowPriority, Cores, LockTimeout, StatementTimeout, Writers];

    internal static readonly Option<string?> From = new("--from") { Description = "Only source rows at or after this UTC time (e.g. 2026-02-14 or 2026-02-14T17:00:00Z)." };
    internal static readonly Option<string?> To = new("--to") { Description = "Only source rows before this UTC time." };
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the job's interrupted run from its checkpoint, with its original settings." };
    private static readonly Option<bool> Overwrite = new("--overwrite") { Description = "Recompute every row in scope and replace values that differ (default: fill NULLs only)." };

    public static Command Create() => CommandFactory.Make("run",
        "Backfill a job: candidates are rows with a NULL target column or no derived row, scanned in key order up to the largest key seen at start; "
        + "only NULL columns are written (guarded in the UPDATE itself), in batches with a checkpoint; every row ends updated, inserted, skipped or error. "
        + "Or run a pipeline (or some of its processors) by date partition: phase by phase, season by season, each slot replacing its date's rows "
        + "atomically, gates after each phase, a ledger slot per (processor, date) to resume and retry from.",
        async (ctx, ct) =>
        {
            var p = ctx.Parse;
            var targets = p.GetValue(Targets)!;
            var pipelines = ctx.Pipelines();
            if (pipelines.IsTarget(targets[0]))
            {
                if (ThrottleOptions.FirstOrDefault(o => p.GetResult(o) is { Implicit: false }) is { } jobOnly)
                    throw new ArgumentException($"{jobOnly.Name} is for job runs; '{targets[0]}' is a partitioned pipeline (use --parallel).");
                return await PartitionedRun.RunAsync(ctx, pipelines, targets, p.GetValue(Resume), ct);
            }
            if (targets.Length > 1) throw new ArgumentException($"Run one job at a time (got {string.Join(", ", targets)}); several names are for processors of a pipeline.");
            if (PipelineOptions.AnyGiven(p)) throw new ArgumentException($"--start-date, --end-date, --dates and --sample are for pipelines; '{targets[0]}' is a job (use --from/--to).");
            var catalog = ctx.Catalog();
            var request = new RunRequest
            {
                Job = catalog.Get(targets[0]),
                DryRun = p.GetValue(DryRun),
                Limit = p.GetValue(Limit),
                BatchSize = p.GetValue(BatchSize),
                BatchTime = ParseDuration(p.GetValue(BatchTime), "--batch-time"),
                MinBatch = p.GetValue(MinBatch),
                MaxBatch = p.GetValue(MaxBatch),
                From = ParseTime(p.GetValue(From), "--from"),
                To = ParseTime(p.GetValue(To), "--to"),
                Resume = p.GetValue(Resume),
                Overwrite = p.GetValue(Overwrite),
                MaxLoad = ParseNumber(p.GetValue(MaxLoad), "--max-load"),
                CriticalLoad = ParseNumber(p.GetValue(CriticalLoad), "--critical-load"),
                MaxLag = ParseDuration(p.GetValue(MaxLag), "--max-lag"),
                DutyCycle = ParseNumber(p.GetValue(DutyCycleOption), "--duty-cycle"),
                LowPriority = p.GetValue(LowPriority),
                Cores = p.GetValue(Cores),
                LockTimeout = ParseDuration(p.GetValue(LockTimeout), "--lock-timeout") ?? BatchTimeouts.DefaultLockTimeout,
                StatementTimeout = ParseDuration(p.GetValue(StatementTimeout), "--statement-timeout") ?? BatchTimeouts.DefaultStatementTimeout,
                Writers = p.GetValue(Writers),
            }.Validate();

            await using var store = await ctx.OpenStoreAsync(ct);
            request = await OfferResumeAsync(store, request, ctx.Json, ct);
            await NoteIgnoredOptionsAsync(p, request, store);
            var progress = ctx.Json ? null : ProgressPrinter.ForConsole();
            var result = await new BackfillRunner(store, catalog, ctx.Clock).RunAsync(request, progress, ct);
            progress?.Done();
            if (ctx.Json) JsonOut.Write(result);
            else Console.Write(RunPrinter.Render(result));
            if (result.StoppedBy is { } stop)
            {
                await Console.Error.WriteLineAsync($"stopped: {stop}; the last committed batch is the checkpoint, continue with --resume.");
                return ExitCodes.Interrupted;
            }
            return ExitCodes.Ok;
        }, [Targets, DryRun, Limit, BatchSize, .. ThrottleOptions, From, To, Resume, Overwrite, .. PipelineOptions.All]);

    // Options that cannot act are said so once, rather than silently doing nothing.
    private static async Task NoteIgnoredOptionsAsync(ParseResult p, RunRequest request, SqlStore store)
    {
        var given = ThrottleOptions.Append(BatchSize).Where(o => p.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (request.Resume && given.Count > 0)
        {
            await Console.Error.WriteLineAsync($"note: a resumed run keeps its original settings; {string.Join(", ", given)} not applied.");
            return;
        }
        var load = new[] { MaxLoad, CriticalLoad, MaxLag }.Where(o => p.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (load.Count > 0 && store.BackendId is null)
            await Console.Error.WriteLineAsync($"note: {string.Join(", ", load)} use PostgreSQL's load signals; {store.Describe()} has none to read, so they never pause (--duty-cycle still applies).");
    }

    /// <summary>Seconds (0.5), or a number with a unit: 500ms, 2s, 5m, 1h.</summary>
    internal static TimeSpan? ParseDuration(string? text, string option)
    {
        if (text is null) return null;
        var t = text.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && double.IsFinite(n))
                return TimeSpan.FromSeconds(n * seconds);
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0 && double.IsFinite(plain))
            return TimeSpan.FromSeconds(plain);
        throw new FormatException($"{option} '{text}' is not a duration (use seconds, e.g. 0.5, or 500ms, 2s, 5m).");
    }

    internal static double? ParseNumber(string? text, string option)
    {
        if (text is null) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
        throw new FormatException($"{option} '{text}' is not a number.");
    }

    // A killed run of the same job is offered for resumption: asked on a terminal, announced otherwise.
    private static async Task<RunRequest> OfferResumeAsync(SqlStore store, RunRequest request, bool json, CancellationToken ct)
    {
        if (request.Resume || request.DryRun) return request;
        if (await store.FindUnfinishedRunAsync(request.Job.Name, ct) is not { } old) return request;
        var where = $"run {old.RunId} of job {old.Job} stopped at key {old.CheckpointKey} after {old.Processed:N0} rows ({old.State})";
        if (!json && !Console.IsInputRedirected && !Console.IsOutputRedirected)
        {
            Console.Write($"{where}. Resume it with its original settings? [Y/n] ");
            var answer = Console.ReadLine()?.Trim();
            if (answer is null or "" || answer.StartsWith('y') || answer.StartsWith('Y')) return request with { Resume = true };
        }
        else
        {
            await Console.Error.WriteLineAsync($"note: {where}; pass --resume to continue it. Starting a new run (writes are NULL-only, so the result is the same).");
        }
        await store.FinishRunAsync(old.RunId, RunStates.Abandoned, null, "superseded by a new run", ct);
        return request;
    }

    internal static DateTime? ParseTime(string? value, string option)
    {
        if (value is null) return null;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return DateTime.SpecifyKind(t, DateTimeKind.Utc);
        throw new FormatException($"{option} '{value}' is not a date or time (use e.g. 2026-02-14 or 2026-02-14T17:00:00Z).");
    }
}
