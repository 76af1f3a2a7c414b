using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Tests.Runs;

public sealed class BatchPlannerTests
{
    private static RowBatch Rows(params (long Key, object? X, bool HasTarget, double?[] Current)[] rows)
    {
        var batch = new RowBatch(rows.Length, inputs: 1, carry: 1, targets: 3);
        for (var i = 0; i < rows.Length; i++)
        {
            batch.Keys[i] = rows[i].Key;
            batch.HasTarget[i] = rows[i].HasTarget;
            batch.Inputs[i] = rows[i].X;
            batch.Carry[i] = $"carry{rows[i].Key}";
            rows[i].Current.CopyTo(batch.Current, i * 3);
        }
        typeof(RowBatch).GetProperty(nameof(RowBatch.Count))!.SetValue(batch, rows.Length);
        return batch;
    }

    private static BatchPlanner Planner(bool overwrite = false) =>
        new(new FakeProcessor().Bind(["a", "b", "c"]), 3, overwrite);

    [Fact]
    public void Rows_with_a_null_target_that_can_be_filled_become_updates_and_missing_rows_inserts()
    {
        var plan = Planner().Build(Rows(
            (1, 2.0, true, [null, 4.0, 6.0]),
            (2, 5.0, false, [null, null, null])));
        Assert.Equal([1L], plan.Writes.UpdateKeys);
        Assert.Equal([2.0, 4.0, 6.0], plan.Writes.UpdateValues.Select(v => v!.Value));
        Assert.Equal([2L], plan.Writes.InsertKeys);
        Assert.Equal(["carry2"], plan.Writes.InsertCarry);
        Assert.Equal(0, plan.Tally.Skipped);
    }

    [Fact]
    public void Every_other_row_gets_a_counted_reason()
    {
        var plan = Planner().Build(Rows(
            (1, null, true, [null, null, null]),
            (2, "bad", true, [null, null, null]),
            (3, -1.0, true, [-1.0, -2.0, null]),  // only "c" is NULL and it cannot be derived
            (4, "bad", true, [null, null, null])));
        Assert.True(plan.Writes.IsEmpty);
        Assert.Equal(2, plan.Tally.Skipped);
        Assert.Equal(2, plan.Tally.Errors);
        Assert.Equal(1, plan.Tally.Reasons["skipped:no_input"]);
        Assert.Equal(1, plan.Tally.Reasons["skipped:negative"]);
        Assert.Equal(2, plan.Tally.Reasons["error:invalid_input"]);
        Assert.Equal([(2L, "invalid_input", "bad is not a number"), (4L, "invalid_input", "bad is not a number")],
            plan.Errors.Select(e => (e.Key, e.Reason, e.Message)));
    }

    [Fact]
    public void Without_overwrite_a_row_whose_nulls_cannot_be_filled_is_skipped_even_if_other_values_differ()
    {
        var plan = Planner().Build(Rows((1, -1.0, true, [99.0, 99.0, null])));
        Assert.True(plan.Writes.IsEmpty);
        Assert.Equal(1, plan.Tally.Reasons["skipped:negative"]);
    }

    [Fact]
    public void With_overwrite_only_rows_whose_values_differ_are_written()
    {
        var plan = Planner(overwrite: true).Build(Rows(
            (1, 1.0, true, [1.0, 2.0, 3.0]),
            (2, 1.0, true, [1.0, 2.0, 30.0])));
        Assert.Equal([2L], plan.Writes.UpdateKeys);
        Assert.Equal(1, plan.Tally.Reasons["skipped:unchanged"]);
    }

    [Fact]
    public void A_resumed_tally_starts_from_the_ledger_counts()
    {
        var tally = new OutcomeTally(new Dictionary<string, long> { ["skipped:no_payload"] = 3, ["error:invalid_payload"] = 2 });
        var batch = new OutcomeTally();
        batch.AddSkipped("no_payload");
        batch.AddUpdated(10);
        tally.Add(batch);
        Assert.Equal(4, tally.Skipped);
        Assert.Equal(2, tally.Errors);
        Assert.Equal(10, tally.Updated);
        Assert.Equal(4, tally.Reasons["skipped:no_payload"]);
    }
}
