using Backfill.Core.Processing;
using Backfill.Core.Sql;

namespace Backfill.Core.Runs;

/// <summary>
/// Turns the rows of one batch into writes: computes each row, keeps only values that fill a NULL
/// (or, with overwrite, change a value), and gives every other row a counted reason.
/// </summary>
public sealed class BatchPlanner(IRowComputer computer, int targets, bool overwrite)
{
    private readonly double?[] _values = new double?[targets];
    private readonly string?[] _nullReasons = new string?[targets];

    public sealed record Plan(WriteSet Writes, OutcomeTally Tally, IReadOnlyList<(long Key, string Reason, string? Message)> Errors);

    public Plan Build(RowBatch batch)
    {
        var writes = new WriteSet(targets, batch.Count);
        var tally = new OutcomeTally();
        var errors = new List<(long, string, string?)>();
        for (var row = 0; row < batch.Count; row++)
        {
            Array.Clear(_values);
            Array.Clear(_nullReasons);
            var key = batch.Keys[row];
            var outcome = computer.Compute(batch.InputsOf(row), _values, _nullReasons);
            switch (outcome.Kind)
            {
                case OutcomeKind.Error:
                    tally.AddError(outcome.Reason ?? "error");
                    errors.Add((key, outcome.Reason ?? "error", outcome.Message));
                    break;
                case OutcomeKind.Skipped:
                    tally.AddSkipped(outcome.Reason ?? "skipped");
                    break;
                default:
                    if (!batch.HasTarget[row]) AddInsert(batch, row, writes, tally);
                    else AddUpdate(batch, row, writes, tally);
                    break;
            }
        }
        return new Plan(writes, tally, errors);
    }

    private void AddInsert(RowBatch batch, int row, WriteSet writes, OutcomeTally tally)
    {
        if (Array.TrueForAll(_values, v => v is null)) tally.AddSkipped(FirstReason(batch.CurrentOf(row), all: true));
        else writes.AddInsert(batch.Keys[row], batch.CarryOf(row), _values);
    }

    private void AddUpdate(RowBatch batch, int row, WriteSet writes, OutcomeTally tally)
    {
        var current = batch.CurrentOf(row);
        var changes = false;
        for (var i = 0; i < _values.Length && !changes; i++)
            changes = _values[i] is { } v && (current[i] is null || (overwrite && current[i] != v));
        if (changes) writes.AddUpdate(batch.Keys[row], _values);
        else tally.AddSkipped(overwrite ? "unchanged" : FirstReason(current, all: false));
    }

    // Why a row that still has NULL target columns gets nothing: the processor's reason for the first of them.
    private string FirstReason(ReadOnlySpan<double?> current, bool all)
    {
        for (var i = 0; i < _values.Length; i++)
            if ((all || current[i] is null) && _values[i] is null)
                return _nullReasons[i] ?? "not_derivable";
        return "not_derivable";
    }
}
