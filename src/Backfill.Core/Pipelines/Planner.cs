using Backfill.Core.Sql;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Pipelines;

/// <summary>
/// Pre-flight: resolves the processors and dates of a request into slots with their upstream slots, and predicts from
/// the data already there which slots would fail, so a plan that cannot succeed is refused in seconds, not hours in.
/// </summary>
public sealed class Planner(SqlStore store, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(PipelineSpec pipeline, PipelineRequest request, CancellationToken ct)
    {
        var calendar = await LoadCalendarAsync(pipeline.Calendar, ct);
        var problems = new List<string>();
        var dates = request.Dates is { Count: > 0 } given
            ? given.Where(calendar.Contains).Order().ToList()
            : calendar.Between(request.From, request.To).ToList();
        if (request.Dates is { Count: > 0 })
            foreach (var d in request.Dates.Where(d => !calendar.Contains(d)))
                problems.Add($"{d:yyyy-MM-dd} is not a scheduled date in {pipeline.Calendar.Table}.");
        if (dates.Count == 0)
            problems.Add($"No scheduled dates between {request.From:yyyy-MM-dd} and {request.To:yyyy-MM-dd} in {pipeline.Calendar.Table}"
                + (calendar.Seasons.Count == 0 ? " (the table is empty: import the raw data first)." : $" (it holds {calendar.Seasons[0].Start:yyyy-MM-dd}..{calendar.Seasons[^1].End:yyyy-MM-dd})."));

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (processors, leftOut) = Resolve(pipeline, request, dates, today, problems);
        var presence = await PresenceAsync(pipeline, processors, request, ct);
        var slots = BuildSlots(pipeline, processors, calendar, dates, today, presence);

        foreach (var group in slots.Values.Where(s => s.PredictedToFail).GroupBy(s => s.Key.Processor))
        {
            var missing = group.SelectMany(s => s.PredictedMissing).Distinct().ToList();
            problems.Add($"{group.Key}: {group.Count()} of {slots.Values.Count(s => s.Key.Processor == group.Key && s.WillRun)} slots would fail, missing "
                + $"{string.Join(", ", missing.Take(4))}{(missing.Count > 4 ? $" and {missing.Count - 4} more" : "")}.");
        }
        var coverage = pipeline.RawSources.Select(raw =>
        {
            var have = presence.GetValueOrDefault(raw.Name) ?? [];
            var missingDates = dates.Where(d => !have.Contains(d)).ToList();
            return new CoverageLine(raw.Name, dates.Count, dates.Count - missingDates.Count, missingDates);
        }).ToList();

        return new Plan
        {
            Pipeline = pipeline, Request = request, Calendar = calendar, Processors = processors, LeftOut = leftOut, Dates = dates,
            Slots = slots, Coverage = coverage, Problems = problems, MsPerSlot = await store.SlotThroughputAsync(ct),
        };
    }

    public async Task<PartitionCalendar> LoadCalendarAsync(CalendarSource source, CancellationToken ct)
    {
        if (!await store.Dialect.TableExistsAsync(store.Connection, source.Table, ct))
            throw new SchemaException($"The schedule table '{source.Table}' does not exist in {store.Describe()}. Run 'backfill migrate' and import the raw data first.");
        await using var cmd = store.Command($"SELECT DISTINCT {Quote(source.DateColumn)}, {Quote(source.SeasonColumn)} FROM {Quote(source.Table)}");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(DateOnly, string)>();
        while (await r.ReadAsync(ct)) rows.Add((Values.Date(r, 0), Convert.ToString(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!));
        return new PartitionCalendar(rows);
    }

    private static (List<IPartitionProcessor>, List<LeftOut>) Resolve(PipelineSpec pipeline, PipelineRequest request, List<DateOnly> dates, DateOnly today, List<string> problems)
    {
        var requested = request.Processors.Count == 0 ? pipeline.Processors : request.Processors.Select(n => pipeline.Find(n)!).ToList();
        var leftOut = new List<LeftOut>();
        var chosen = new List<IPartitionProcessor>();
        foreach (var p in requested)
        {
            if (!p.Spec.IsHistorical && dates.Count > 0 && dates.All(d => d < today))
                leftOut.Add(new LeftOut(p.Spec.Name, $"not historical: {p.Spec.NotHistorical}"));
            else chosen.Add(p);
        }
        if (chosen.Count == 0 && requested.Count > 0)
            problems.Add($"Nothing to run: {string.Join("; ", leftOut.Select(l => $"{l.Processor} is {l.Reason}"))}.");
        // Phase order, then the pipeline's own order (an ordered phase runs in that order).
        var order = pipeline.Processors.Select((p, i) => (p.Spec.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return (chosen.OrderBy(p => p.Spec.Phase).ThenBy(p => order[p.Spec.Name]).ToList(), leftOut);
    }

    /// <summary>Dates with rows, per table a dependency or coverage line reads, over the range widened by the longest lookback.</summary>
    private async Task<Dictionary<string, HashSet<DateOnly>>> PresenceAsync(PipelineSpec pipeline, List<IPartitionProcessor> processors, PipelineRequest request, CancellationToken ct)
    {
        var deps = processors.SelectMany(p => p.Spec.DependsOn).Concat(pipeline.RawSources).ToList();
        var from = request.From.AddDays(-deps.Select(d => d.LookbackDays).DefaultIfEmpty(0).Max());
        var result = new Dictionary<string, HashSet<DateOnly>>(StringComparer.Ordinal);
        foreach (var dep in deps.DistinctBy(d => d.Name))
        {
            var (table, column) = TableOf(pipeline, dep);
            result[dep.Name] = await store.DatesWithRowsAsync(table, column, from, request.To, ct);
        }
        return result;
    }

    public static (string Table, string DateColumn) TableOf(PipelineSpec pipeline, Dependency dep) => dep.Kind == DependencyKind.Table
        ? (dep.Name, dep.DateColumn)
        : pipeline.Find(dep.Name) is { } up ? (up.Spec.Table, up.Spec.DateColumn) : throw new InvalidOperationException($"Unknown upstream processor '{dep.Name}'.");

    /// <summary>The scheduled dates a dependency must hold rows for when its dependent runs on <paramref name="date"/>.</summary>
    public static IEnumerable<DateOnly> NeededDates(PartitionCalendar calendar, Dependency dep, DateOnly date) =>
        calendar.Between(date.AddDays(-dep.LookbackDays), date);

    private static Dictionary<SlotKey, PlannedSlot> BuildSlots(PipelineSpec pipeline, List<IPartitionProcessor> processors, PartitionCalendar calendar,
        List<DateOnly> dates, DateOnly today, Dictionary<string, HashSet<DateOnly>> presence)
    {
        var slots = new Dictionary<SlotKey, PlannedSlot>();
        var inPlan = processors.Select(p => p.Spec.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var p in processors)
        {
            var phase = pipeline.Phases.FirstOrDefault(ph => ph.Number == p.Spec.Phase);
            var previous = phase is { Ordered: true }
                ? processors.Where(q => q.Spec.Phase == p.Spec.Phase).TakeWhile(q => q != p).LastOrDefault()
                : null;
            foreach (var date in dates)
            {
                var key = new SlotKey(p.Spec.Name, date);
                if (!p.Spec.IsHistorical && date < today) continue;
                if (calendar.SeasonOf(date).IsBootstrap(date, p.Spec.BootstrapDays))
                {
                    slots[key] = new PlannedSlot(key, p.Spec.Phase, SlotStatus.Skipped, $"{SkipReasons.Bootstrap}: first {p.Spec.BootstrapDays} days of season {calendar.SeasonOf(date).Label}", [], []);
                    continue;
                }
                var upstream = new List<SlotKey>();
                var missing = new List<string>();
                if (previous is not null) upstream.Add(new SlotKey(previous.Spec.Name, date));
                foreach (var dep in p.Spec.DependsOn)
                {
                    foreach (var needed in NeededDates(calendar, dep, date))
                    {
                        var upKey = new SlotKey(dep.Name, needed);
                        if (dep.Kind == DependencyKind.Processor && inPlan.Contains(dep.Name) && slots.TryGetValue(upKey, out var up))
                        {
                            upstream.Add(upKey);
                            if (up.PredictedToFail) missing.Add($"{dep.Name} {needed:yyyy-MM-dd} (its slot would fail)");
                            else if (!up.WillRun && !presence[dep.Name].Contains(needed)) missing.Add($"{dep.Name} {needed:yyyy-MM-dd} ({up.Reason})");
                        }
                        else if (!presence[dep.Name].Contains(needed))
                        {
                            missing.Add(dep.Kind == DependencyKind.Processor && !inPlan.Contains(dep.Name)
                                ? $"{dep.Name} rows on {needed:yyyy-MM-dd} (not in this plan)"
                                : $"{Planner.TableOf(pipeline, dep).Table} rows on {needed:yyyy-MM-dd}");
                        }
                    }
                }
                slots[key] = new PlannedSlot(key, p.Spec.Phase, SlotStatus.Planned, null, upstream.Distinct().ToList(), missing);
            }
        }
        return slots;
    }
}
