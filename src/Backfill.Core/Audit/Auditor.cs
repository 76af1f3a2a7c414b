using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Audit;

/// <summary>What is missing and why, before anything is written: NULL counts (all and recent) and eligibility tiers.</summary>
public sealed class Auditor(SqlStore store, JobCatalog catalog)
{
    private const int ScanBatch = 5000;

    public async Task<AuditReport> AuditAsync(JobSpec job, CancellationToken ct)
    {
        var processor = catalog.ProcessorOf(job);
        var sql = await store.PrepareAsync(job, processor, TimeWindow.All, ct);
        var nulls = await store.NullStatsAsync(sql, ct);
        var bounds = await store.BoundsAsync(sql, ct);
        var candidates = bounds is null ? 0 : await store.CountCandidatesAsync(sql, bounds.Value.Min - 1, bounds.Value.Max, ct);

        TierCounts? all = null, ofCandidates = null;
        IReadOnlyDictionary<string, long> counters = new Dictionary<string, long>();
        if (processor is ITierClassifier classifier)
            (all, ofCandidates, counters) = await ClassifyAsync(sql, classifier, ct);

        return new AuditReport
        {
            Job = job.Name,
            Columns = sql.Targets,
            Nulls = nulls,
            Candidates = candidates,
            Tiers = all,
            CandidateTiers = ofCandidates,
            Counters = counters,
        };
    }

    private async Task<(TierCounts All, TierCounts Candidates, IReadOnlyDictionary<string, long> Counters)> ClassifyAsync(
        JobSql sql, ITierClassifier classifier, CancellationToken ct)
    {
        long[] all = new long[3], cand = new long[3];
        var counters = new long[classifier.AuditCounters.Count];
        await foreach (var rows in store.ScanAsync(sql, candidatesOnly: false, ScanBatch, ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var tier = (int)classifier.Classify(rows.InputsOf(i), counters);
                all[tier]++;
                if (IsCandidate(rows, i)) cand[tier]++;
            }
        }
        return (new TierCounts(all[0], all[1], all[2]), new TierCounts(cand[0], cand[1], cand[2]),
            classifier.AuditCounters.Select((name, i) => (name, counters[i])).ToDictionary(x => x.name, x => x.Item2));
    }

    private static bool IsCandidate(RowBatch rows, int row)
    {
        if (!rows.HasTarget[row]) return true;
        foreach (var v in rows.CurrentOf(row)) if (v is null) return true;
        return false;
    }
}

public sealed record TierCounts(long A, long B, long C)
{
    public long Total => A + B + C;
}

public sealed record AuditReport
{
    public required string Job { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required NullStats Nulls { get; init; }
    /// <summary>Source rows with any target column NULL or no derived row: what a run would visit.</summary>
    public long Candidates { get; init; }
    /// <summary>Eligibility of every source row; null when the processor does not classify.</summary>
    public TierCounts? Tiers { get; init; }
    /// <summary>Eligibility of the candidates only.</summary>
    public TierCounts? CandidateTiers { get; init; }
    /// <summary>The processor's own counts over all rows (order books: off-ladder prices).</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
}
