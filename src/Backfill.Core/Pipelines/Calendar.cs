namespace Backfill.Core.Pipelines;

/// <summary>A season: a label and its first and last scheduled dates (from the schedule table, not hard-coded).</summary>
public sealed record Season(string Label, DateOnly Start, DateOnly End)
{
    public bool IsBootstrap(DateOnly date, int bootstrapDays) => bootstrapDays > 0 && date >= Start && date < Start.AddDays(bootstrapDays);
}

/// <summary>The schedule: which dates are partitions and which season each belongs to.</summary>
public sealed class PartitionCalendar
{
    private readonly SortedDictionary<DateOnly, Season> _dates = new();

    public PartitionCalendar(IEnumerable<(DateOnly Date, string Season)> scheduled)
    {
        var bySeason = scheduled.GroupBy(s => s.Season);
        foreach (var g in bySeason)
        {
            var season = new Season(g.Key, g.Min(x => x.Date), g.Max(x => x.Date));
            foreach (var (date, _) in g) _dates[date] = season;
        }
        Seasons = _dates.Values.Distinct().OrderBy(s => s.Start).ToList();
    }

    public IReadOnlyList<Season> Seasons { get; }
    public IEnumerable<DateOnly> Dates => _dates.Keys;
    public bool Contains(DateOnly date) => _dates.ContainsKey(date);
    public Season SeasonOf(DateOnly date) => _dates[date];

    public IEnumerable<DateOnly> Between(DateOnly from, DateOnly to) => _dates.Keys.Where(d => d >= from && d <= to);
}

/// <summary>Where the schedule lives: one row per scheduled event with its date and season label.</summary>
public sealed record CalendarSource(string Table, string DateColumn, string SeasonColumn);
