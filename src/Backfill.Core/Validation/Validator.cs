using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Sql;

namespace Backfill.Core.Validation;

/// <summary>
/// Post-checks after a run: every target NULL is recomputed; a NULL whose inputs do yield a value
/// is a failure (must be 0), any other NULL is expected and counted by reason.
/// </summary>
public sealed class Validator(SqlStore store, JobCatalog catalog)
{
    private const int ScanBatch = 2000;

    public async Task<ValidationReport> ValidateAsync(JobSpec job, CancellationToken ct, TimeWindow? window = null)
    {
        var processor = catalog.ProcessorOf(job);
        var sql = await store.PrepareAsync(job, processor, window ?? TimeWindow.All, ct);
        var computer = processor.Bind(job.Target.Columns.Select(c => c.Output).ToList());
        var columns = sql.Targets.Select(c => new ColumnCheck(c)).ToArray();
        var values = new double?[columns.Length];
        var reasons = new string?[columns.Length];
        var missingRows = 0L;

        await foreach (var rows in store.ScanAsync(sql, candidatesOnly: true, ScanBatch, ct))
        {
            for (var row = 0; row < rows.Count; row++)
            {
                Array.Clear(values);
                Array.Clear(reasons);
                var outcome = computer.Compute(rows.InputsOf(row), values, reasons);
                if (!rows.HasTarget[row]) missingRows++;
                var current = rows.CurrentOf(row);
                for (var i = 0; i < columns.Length; i++)
                {
                    if (current[i] is not null) continue;
                    var why = outcome.Kind == OutcomeKind.Computed ? reasons[i] : outcome.Reason;
                    columns[i].Record(rows.Keys[row], outcome.Kind == OutcomeKind.Computed && values[i] is not null, why ?? "not_derivable");
                }
            }
        }
        return new ValidationReport(job.Name, columns.Select(c => c.Result()).ToList(), missingRows);
    }

    private sealed class ColumnCheck(string column)
    {
        private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
        private readonly List<long> _fillableSample = [];
        private long _nulls, _fillable;

        public void Record(long key, bool fillable, string reason)
        {
            _nulls++;
            if (fillable)
            {
                _fillable++;
                if (_fillableSample.Count < 10) _fillableSample.Add(key);
            }
            else _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }

        public ColumnValidation Result() => new(column, _nulls, _fillable, _reasons, _fillableSample);
    }
}

/// <param name="Nulls">NULL values (missing derived rows count as NULL).</param>
/// <param name="Fillable">NULLs whose inputs exist: the processor yields a value. Must be 0.</param>
/// <param name="ExpectedNullReasons">The other NULLs, by reason.</param>
public sealed record ColumnValidation(string Column, long Nulls, long Fillable, IReadOnlyDictionary<string, long> ExpectedNullReasons, IReadOnlyList<long> FillableSample)
{
    public bool Passed => Fillable == 0;
}

public sealed record ValidationReport(string Job, IReadOnlyList<ColumnValidation> Columns, long MissingDerivedRows)
{
    public bool Passed => Columns.All(c => c.Passed);
}
