using Backfill.Core.Jobs;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Sql;

/// <summary>
/// The SQL of one job, built once from its spec (identifiers validated and quoted, values always
/// parameters). Shared by both stores; the dialect only changes how a column is read.
/// </summary>
public sealed class JobSql
{
    public JobSpec Job { get; }
    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Targets { get; }
    public IReadOnlyList<string> Carry { get; }
    public TimeWindow Window { get; }
    /// <summary>The processor accepts text inputs as UTF-8 bytes (see IProcessor.TakesUtf8Text).</summary>
    public bool Utf8Text { get; init; }

    /// <summary>Rows in (@after, @max], optionally only candidates, in key order, at most @limit.</summary>
    public string SelectRows { get; }
    public string SelectCandidates { get; }
    public string CountCandidates { get; }
    public string Bounds { get; }
    public string NullStats { get; }
    /// <summary>The NULL counts, then the candidates and the smallest and largest key of the whole table, in one scan.</summary>
    public string NullStatsAndCandidates { get; }
    /// <summary>The same counts over rows at or after @since; empty without a time column.</summary>
    public string NullStatsRecent { get; }
    /// <summary>The oldest and newest source time; empty without a time column.</summary>
    public string TimeRange { get; }
    /// <summary>A row if some source row has no time; empty without a time column.</summary>
    public string AnyUntimed { get; }
    /// <summary>Count of rows whose inputs are read, restricted by time; used by estimates.</summary>
    public string From => $"FROM {Quote(Job.Source.Table)} s";

    public JobSql(JobSpec job, IReadOnlyList<string> processorInputs, SqlDialect dialect,
        IReadOnlyDictionary<string, string> sourceColumnTypes, TimeWindow window)
    {
        Job = job;
        Window = window;
        Inputs = processorInputs;
        Targets = job.Target.Columns.Select(c => c.Column).ToList();
        Carry = job.Target.Carry;

        var sourceCols = job.Source.Columns.ToHashSet(StringComparer.Ordinal);
        string InputExpr(string name)
        {
            if (sourceCols.Contains(name))
                return dialect.ReadExpression($"s.{Quote(name)}", sourceColumnTypes.GetValueOrDefault(name));
            var i = job.Source.Lookups.ToList().FindIndex(l => l.Columns.Contains(name));
            return $"l{i}.{Quote(name)}";
        }

        var select = string.Join(", ",
            new[] { $"s.{Quote(job.Source.Key)}", $"CASE WHEN d.{Quote(job.Target.Key)} IS NULL THEN 0 ELSE 1 END" }
                .Concat(processorInputs.Select(InputExpr))
                .Concat(Carry.Select(c => $"s.{Quote(c)}"))
                .Concat(Targets.Select(t => $"d.{Quote(t)}")));

        var joins = string.Join(" ", job.Source.Lookups.Select((l, i) =>
            $"LEFT JOIN {Quote(l.Table)} l{i} ON l{i}.{Quote(l.On)} = s.{Quote(l.On)}"));
        // The key range is repeated on the derived side: otherwise PostgreSQL's merge join scans the
        // derived table's index from its first key on every batch (quadratic over a run).
        var targetJoin = $"LEFT JOIN {Quote(job.Target.Table)} d ON d.{Quote(job.Target.Key)} = s.{Quote(job.Source.Key)} "
            + $"AND d.{Quote(job.Target.Key)} > @after AND d.{Quote(job.Target.Key)} <= @max";
        var fromJoins = $"{From} {joins} {targetJoin}";
        var range = $"s.{Quote(job.Source.Key)} > @after AND s.{Quote(job.Source.Key)} <= @max";
        var time = TimeFilter("s");
        var anyNull = $"(d.{Quote(job.Target.Key)} IS NULL OR " + string.Join(" OR ", Targets.Select(t => $"d.{Quote(t)} IS NULL")) + ")";
        var order = $"ORDER BY s.{Quote(job.Source.Key)} LIMIT @limit";

        SelectRows = $"SELECT {select} {fromJoins} WHERE {range}{time} {order}";
        SelectCandidates = $"SELECT {select} {fromJoins} WHERE {range}{time} AND {anyNull} {order}";
        CountCandidates = $"SELECT count(*) FROM {Quote(job.Source.Table)} s {targetJoin} WHERE {range}{time} AND {anyNull}";
        Bounds = $"SELECT min(s.{Quote(job.Source.Key)}), max(s.{Quote(job.Source.Key)}) {From} WHERE 1=1{time}";
        // NULL counts over everything (a plain scan: counts only), and with a time column over the recent
        // window through the time index: a CASE per row over the whole table doubled the cost of both scans.
        var key = $"d.{Quote(job.Target.Key)}";
        var counts = string.Join(", ", new[] { "count(*)", $"count({key})" }.Concat(Targets.Select(t => $"count({key}) - count(d.{Quote(t)})")));
        var scan = $"FROM {Quote(job.Source.Table)} s LEFT JOIN {Quote(job.Target.Table)} d ON {key} = s.{Quote(job.Source.Key)}";
        NullStats = $"SELECT {counts} {scan}";
        NullStatsAndCandidates = $"SELECT {counts}, count(*) FILTER (WHERE {anyNull}), min(s.{Quote(job.Source.Key)}), max(s.{Quote(job.Source.Key)}) {scan}";
        NullStatsRecent = job.Source.TimeColumn is not { } tc ? "" : $"SELECT {counts} {scan} WHERE s.{Quote(tc)} >= @since";
        TimeRange = job.Source.TimeColumn is not { } t ? "" : $"SELECT min(s.{Quote(t)}), max(s.{Quote(t)}) {From}";
        AnyUntimed = job.Source.TimeColumn is not { } u ? "" : $"SELECT 1 {From} WHERE s.{Quote(u)} IS NULL LIMIT 1";
    }

    /// <summary>The run's half-open time window [@from, @to) on the source time column, if any.</summary>
    public string TimeFilter(string alias)
    {
        if (Job.Source.TimeColumn is null) return "";
        var col = $"{alias}.{Quote(Job.Source.TimeColumn)}";
        return (Window.From is null ? "" : $" AND {col} >= @from") + (Window.To is null ? "" : $" AND {col} < @to");
    }


    // Column offsets in a row read by SelectRows / SelectCandidates.
    public int InputOffset => 2;
    public int CarryOffset => 2 + Inputs.Count;
    public int TargetOffset => 2 + Inputs.Count + Carry.Count;
}
