using System.CommandLine;
using Backfill.Core.Pipelines;

namespace Backfill.Cli.Commands;

/// <summary>Options of partitioned runs (plan, run) and how they become a <see cref="PipelineRequest"/>.</summary>
public static class PipelineOptions
{
    public static readonly Option<string?> StartDate = new("--start-date") { Description = "Partitioned runs: first date (YYYY-MM-DD), inclusive." };
    public static readonly Option<string?> EndDate = new("--end-date") { Description = "Partitioned runs: last date (YYYY-MM-DD), inclusive." };
    public static readonly Option<string?> Dates = new("--dates") { Description = "Partitioned runs: exactly these dates, comma-separated (instead of --start-date/--end-date)." };
    public static readonly Option<int> Parallel = new("--parallel")
    {
        Description = "Partitioned runs: at most N slots at once (independent processors of a phase, and dates, run side by side).",
        DefaultValueFactory = _ => PipelineRequest.DefaultParallel,
    };
    public static readonly Option<string?> Sample = new("--sample")
    {
        Description = "Partitioned runs: first run START..END (e.g. 2022-01-10..2022-01-17), evaluate the gates, and go on to the full range only if none says STOP.",
    };
    public static readonly Option<int> ProgressEvery = new("--progress-every")
    {
        Description = "Partitioned runs: a progress line with ETA every N finished slots.",
        DefaultValueFactory = _ => PipelineRequest.DefaultProgressEvery,
    };

    public static readonly Symbol[] All = [StartDate, EndDate, Dates, Parallel, Sample, ProgressEvery];

    public static bool AnyGiven(ParseResult p) =>
        p.GetValue(StartDate) is not null || p.GetValue(EndDate) is not null || p.GetValue(Dates) is not null || p.GetValue(Sample) is not null;

    public static PipelineRequest Request(ParseResult p, PipelineCatalog catalog, IReadOnlyList<string> targets)
    {
        var (pipeline, processors) = catalog.Resolve(targets);
        var sample = p.GetValue(Sample) is { } s ? PipelineRequest.ParseRange(s, "--sample") : ((DateOnly, DateOnly)?)null;
        return new PipelineRequest
        {
            Pipeline = pipeline.Name,
            Processors = processors,
            StartDate = p.GetValue(StartDate) is { } a ? PipelineRequest.ParseDate(a, "--start-date") : null,
            EndDate = p.GetValue(EndDate) is { } b ? PipelineRequest.ParseDate(b, "--end-date") : null,
            Dates = p.GetValue(Dates) is { } d ? d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => PipelineRequest.ParseDate(x, "--dates")).ToList() : null,
            Parallel = p.GetValue(Parallel),
            SampleStart = sample?.Item1,
            SampleEnd = sample?.Item2,
            ProgressEvery = p.GetValue(ProgressEvery),
        }.Validate();
    }
}
