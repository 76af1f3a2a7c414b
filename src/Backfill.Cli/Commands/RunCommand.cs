using System.CommandLine;
using System.Globalization;
using Backfill.Cli.Output;
using Backfill.Core.Runs;
using Backfill.Core.Sql;

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
    private static readonly Option<int> BatchSize = new("--batch-size")
    {
        Description = "Rows per batch; each batch is one short transaction that also stores the checkpoint.",
        DefaultValueFactory = _ => RunRequest.DefaultBatchSize,
    };
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
            if (pipelines.IsTarget(targets[0])) return await PartitionedRun.RunAsync(ctx, pipelines, targets, p.GetValue(Resume), ct);
            if (targets.Length > 1) throw new ArgumentException($"Run one job at a time (got {string.Join(", ", targets)}); several names are for processors of a pipeline.");
            if (PipelineOptions.AnyGiven(p)) throw new ArgumentException($"--start-date, --end-date, --dates and --sample are for pipelines; '{targets[0]}' is a job (use --from/--to).");
            var catalog = ctx.Catalog();
            var request = new RunRequest
            {
                Job = catalog.Get(targets[0]),
                DryRun = p.GetValue(DryRun),
                Limit = p.GetValue(Limit),
                BatchSize = p.GetValue(BatchSize),
                From = ParseTime(p.GetValue(From), "--from"),
                To = ParseTime(p.GetValue(To), "--to"),
                Resume = p.GetValue(Resume),
                Overwrite = p.GetValue(Overwrite),
            }.Validate();

            await using var store = await ctx.OpenStoreAsync(ct);
            request = await OfferResumeAsync(store, request, ctx.Json, ct);
            var progress = ctx.Json ? null : ProgressPrinter.ForConsole();
            var result = await new BackfillRunner(store, catalog, ctx.Clock).RunAsync(request, progress, ct);
            progress?.Done();
            if (ctx.Json) JsonOut.Write(result);
            else Console.Write(RunPrinter.Render(result));
            return ExitCodes.Ok;
        }, [Targets, DryRun, Limit, BatchSize, From, To, Resume, Overwrite, .. PipelineOptions.All]);

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
