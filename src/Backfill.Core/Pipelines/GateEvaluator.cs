using System.Globalization;
using Backfill.Core.Sql;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Pipelines;

/// <summary>Evaluates gates on the rows a range just produced. The verdict rules are pure (see <see cref="GateVerdicts"/>).</summary>
public sealed class GateEvaluator(SqlStore store, Plan plan)
{
    /// <summary>The gates that guard what comes after this phase: scoped to one of its processors in the plan, or to the phase.</summary>
    public IEnumerable<GateSpec> GatesAfter(PhaseSpec phase) => plan.Pipeline.Gates.Where(g =>
        g.Scope == $"phase {phase.Number}" || plan.Processors.Any(p => p.Spec.Name == g.Scope && p.Spec.Phase == phase.Number));

    public async Task<GateResult> EvaluateAsync(GateSpec gate, DateOnly from, DateOnly to, bool sample, CancellationToken ct)
    {
        var where = $"WHERE {Quote(gate.DateColumn)} >= @a AND {Quote(gate.DateColumn)} <= @b";
        (string, object?)[] range = [("@a", from), ("@b", to)];
        switch (gate)
        {
            case NullRateGate n:
            {
                await using var cmd = store.Command($"SELECT COUNT(*), SUM(CASE WHEN {Quote(n.Column)} IS NULL THEN 1 ELSE 0 END) FROM {Quote(n.Table)} {where}", null, range);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct);
                var (total, nulls) = (Values.Long(r, 0), Values.NullableLong(r, 1) ?? 0);
                return Result(gate, from, to, sample, GateVerdicts.NullRate(n, total, nulls));
            }
            case CoverageGate c:
            {
                var expected = ExpectedDates(gate, from, to);
                var have = await store.DatesWithRowsAsync(c.Table, c.DateColumn, from, to, ct);
                return Result(gate, from, to, sample, GateVerdicts.Coverage(c, expected.Count, expected.Count(have.Contains)));
            }
            case VolumeGate v:
            {
                var rows = Convert.ToInt64(await store.ScalarAsync($"SELECT COUNT(*) FROM {Quote(v.Table)} {where}", ct, range), CultureInfo.InvariantCulture);
                var dates = (await store.DatesWithRowsAsync(v.Table, v.DateColumn, from, to, ct)).Count;
                return Result(gate, from, to, sample, GateVerdicts.Volume(v, rows, dates));
            }
            case QualityBucketsGate q:
            {
                var values = await new SqlPartitionReader(store).QueryAsync($"SELECT {Quote(q.Column)} FROM {Quote(q.Table)} {where}", r => Values.NullableDouble(r, 0), ct, range);
                return Result(gate, from, to, sample, GateVerdicts.Quality(q, values));
            }
            default:
                throw new NotSupportedException(gate.GetType().Name);
        }
    }

    /// <summary>Dates the scope processor was meant to fill: its slots in the range that were not skipped up front.</summary>
    private List<DateOnly> ExpectedDates(GateSpec gate, DateOnly from, DateOnly to) =>
        plan.Slots.Values.Where(s => s.Key.Processor == gate.Scope && s.WillRun && s.Key.Date >= from && s.Key.Date <= to)
            .Select(s => s.Key.Date).Distinct().ToList() is { Count: > 0 } mine
            ? mine
            : plan.Dates.Where(d => d >= from && d <= to).ToList();

    private static GateResult Result(GateSpec gate, DateOnly from, DateOnly to, bool sample, (double? Value, Verdict Verdict, string Detail) v) =>
        new(gate.Name, gate.Scope, from, to, sample, v.Value, v.Verdict, v.Detail);
}

/// <summary>Gate thresholds to verdicts: pure, so every boundary is unit-tested.</summary>
public static class GateVerdicts
{
    public static (double?, Verdict, string) NullRate(NullRateGate g, long total, long nulls)
    {
        if (total == 0) return (null, Verdict.Stop, $"no rows in {g.Table}");
        var pct = 100.0 * nulls / total;
        var verdict = pct <= g.ProceedMaxPct ? Verdict.Proceed : pct <= g.WarnMaxPct ? Verdict.Warn : Verdict.Stop;
        return (pct, verdict, F($"{g.Column} NULL {pct:0.00}% ({nulls:N0} of {total:N0} rows); PROCEED <= {g.ProceedMaxPct}%, WARN <= {g.WarnMaxPct}%"));
    }

    public static (double?, Verdict, string) Coverage(CoverageGate g, int expected, int covered)
    {
        if (expected == 0) return (null, Verdict.Proceed, "no dates expected in this range");
        var pct = 100.0 * covered / expected;
        var verdict = pct >= g.ProceedMinPct ? Verdict.Proceed : pct >= g.WarnMinPct ? Verdict.Warn : Verdict.Stop;
        return (pct, verdict, F($"{covered:N0} of {expected:N0} expected dates have rows ({pct:0.0}%); PROCEED >= {g.ProceedMinPct}%, WARN >= {g.WarnMinPct}%"));
    }

    public static (double?, Verdict, string) Volume(VolumeGate g, long rows, int dates)
    {
        if (dates == 0) return (0, Verdict.Stop, $"no rows in {g.Table}");
        var perDate = (double)rows / dates;
        var verdict = perDate >= g.MinRowsPerDate && perDate <= g.MaxRowsPerDate ? Verdict.Proceed : Verdict.Stop;
        return (perDate, verdict, F($"{rows:N0} rows over {dates:N0} dates = {perDate:0.0} per date; expected {g.MinRowsPerDate}..{g.MaxRowsPerDate}"));
    }

    public static (double?, Verdict, string) Quality(QualityBucketsGate g, IReadOnlyList<double?> values)
    {
        if (values.Count == 0) return (null, Verdict.Stop, $"no rows in {g.Table}");
        var edges = g.Buckets.OrderDescending().ToList();
        var counts = new long[edges.Count + 1];
        foreach (var v in values)
        {
            var i = edges.FindIndex(e => (v ?? double.MinValue) >= e);
            counts[i < 0 ? edges.Count : i]++;
        }
        var good = 100.0 * values.Count(v => v >= g.GoodAtLeast) / values.Count;
        var verdict = good >= g.ProceedMinPct ? Verdict.Proceed : good >= g.WarnMinPct ? Verdict.Warn : Verdict.Stop;
        var labels = edges.Select((e, i) => i == 0 ? F($">={e}") : F($"{e}-{edges[i - 1]}")).Append(F($"<{edges[^1]}")).ToList();
        var buckets = string.Join(", ", labels.Select((l, i) => F($"{l}: {counts[i]:N0} ({100.0 * counts[i] / values.Count:0.0}%)")));
        return (good, verdict, F($"{g.Column} {buckets}; good (>= {g.GoodAtLeast}) {good:0.0}%, PROCEED >= {g.ProceedMinPct}%, WARN >= {g.WarnMinPct}%"));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
