namespace Backfill.Core.Pipelines;

/// <summary>
/// What a partitioned run was asked to do; stored with the run so resume and retry use the original settings.
/// Targets are a pipeline name or processor names of one pipeline.
/// </summary>
public sealed record PipelineRequest
{
    public const int DefaultParallel = 2;
    public const int DefaultProgressEvery = 10;

    public required string Pipeline { get; init; }
    public IReadOnlyList<string> Processors { get; init; } = [];
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public IReadOnlyList<DateOnly>? Dates { get; init; }
    public int Parallel { get; init; } = DefaultParallel;
    public DateOnly? SampleStart { get; init; }
    public DateOnly? SampleEnd { get; init; }
    public int ProgressEvery { get; init; } = DefaultProgressEvery;

    /// <summary>The ledger's job name: the pipeline, or the processors it was narrowed to.</summary>
    public string JobName => Processors.Count == 0 ? Pipeline : string.Join('+', Processors);

    public DateOnly From => Dates is { Count: > 0 } d ? d.Min() : StartDate!.Value;
    public DateOnly To => Dates is { Count: > 0 } d ? d.Max() : EndDate!.Value;
    public bool HasSample => SampleStart is not null;

    public PipelineRequest Validate()
    {
        var hasRange = StartDate is not null || EndDate is not null;
        if (Dates is { Count: > 0 } && hasRange)
            throw new ArgumentException("Give either --dates or --start-date/--end-date, not both.");
        if (Dates is not { Count: > 0 } && (StartDate is null || EndDate is null))
            throw new ArgumentException("A partitioned run needs --start-date and --end-date (or --dates).");
        if (StartDate > EndDate)
            throw new ArgumentException($"--start-date {StartDate:yyyy-MM-dd} is after --end-date {EndDate:yyyy-MM-dd}.");
        if (Parallel is < 1 or > 64) throw new ArgumentException($"--parallel must be between 1 and 64 (got {Parallel}).");
        if (ProgressEvery < 1) throw new ArgumentException($"--progress-every must be at least 1 (got {ProgressEvery}).");
        if (HasSample)
        {
            if (SampleEnd is null || SampleStart > SampleEnd) throw new ArgumentException("--sample must be START..END with START on or before END.");
            if (SampleStart < From || SampleEnd > To)
                throw new ArgumentException($"--sample {SampleStart:yyyy-MM-dd}..{SampleEnd:yyyy-MM-dd} lies outside the run's range {From:yyyy-MM-dd}..{To:yyyy-MM-dd}.");
        }
        return this;
    }

    /// <summary>The settings a partitioned run was started with; null for a row job's run.</summary>
    public static PipelineRequest? FromRun(Runs.RunRecord run) =>
        run.IsPartitioned ? System.Text.Json.JsonSerializer.Deserialize<PipelineRequest>(run.OptionsJson, StoredJson) : null;

    /// <summary>How runs store their settings (the ledger's JSON).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions StoredJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public bool Covers(DateOnly date) => Dates is { Count: > 0 } d ? d.Contains(date) : date >= StartDate && date <= EndDate;

    /// <summary>Parses "2022-01-10..2022-01-17".</summary>
    public static (DateOnly From, DateOnly To) ParseRange(string value, string option)
    {
        var parts = value.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2) throw new FormatException($"{option} '{value}' is not a range like 2022-01-10..2022-01-17.");
        return (ParseDate(parts[0], option), ParseDate(parts[1], option));
    }

    public static DateOnly ParseDate(string value, string option) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"{option} '{value}' is not a date (use YYYY-MM-DD, e.g. 2022-01-10).");
}
