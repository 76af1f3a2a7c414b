using System.Data;
using System.Diagnostics;
using Backfill.Core.Runs;
using Backfill.Core.Sql;

namespace Backfill.Core.Pipelines;

/// <summary>Runs one slot on its own connection: dependency check, compute, atomic partition swap, ledger row.</summary>
internal sealed class SlotWorker(SqlStore store, PipelineSpec pipeline, PartitionCalendar calendar, long runId)
{
    /// <summary>The worker's connection now: a new one after a slot broke the previous one.</summary>
    public SqlStore Store => store;

    public async Task<string> RunAsync(IPartitionProcessor processor, DateOnly date, CancellationToken ct)
    {
        var key = new SlotKey(processor.Spec.Name, date);
        var clock = Stopwatch.StartNew();
        try
        {
            await store.MarkSlotRunningAsync(runId, key, ct);
            var missing = await MissingDependenciesAsync(processor, date, ct);
            if (missing.Count > 0)
            {
                var list = string.Join(", ", missing);
                await store.FinishSlotAsync(runId, key, SlotStatus.Failed, null, 0, 0, clock.Elapsed.TotalMilliseconds,
                    $"DependencyError: missing {list}", list, ct);
                return SlotStatus.Failed;
            }
            var output = await processor.ComputeAsync(new PartitionContext(date, calendar.SeasonOf(date), new SqlPartitionReader(store)), ct);
            await store.ReplacePartitionAsync(processor.Spec.Table, processor.Spec.DateColumn, date, processor.Columns, output.Rows,
                tx => store.FinishSlotAsync(runId, key, SlotStatus.Success, null, output.RowsRead, output.Rows.Count, clock.Elapsed.TotalMilliseconds, null, null, ct, tx), ct);
            return SlotStatus.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A cut connection (server restart, pg_terminate_backend, a dropped statement) fails this slot
            // only: the failure is recorded, and the slots after it run, on a new connection.
            await ReconnectIfBrokenAsync();
            await store.FinishSlotAsync(runId, key, SlotStatus.Failed, null, 0, 0, clock.Elapsed.TotalMilliseconds,
                $"{e.GetType().Name}: {RunFailure.Describe(e)}", null, CancellationToken.None);
            return SlotStatus.Failed;
        }
    }

    private async Task ReconnectIfBrokenAsync()
    {
        if (store.Connection.State == ConnectionState.Open) return;
        var fresh = await store.OpenSiblingAsync(CancellationToken.None);
        await store.DisposeAsync();
        store = fresh;
    }

    /// <summary>What the slot needs that is not in the database now: "table date" per missing scheduled date.</summary>
    private async Task<List<string>> MissingDependenciesAsync(IPartitionProcessor processor, DateOnly date, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var dep in processor.Spec.DependsOn)
        {
            var needed = Planner.NeededDates(calendar, dep, date).ToList();
            if (needed.Count == 0) continue;
            var (table, column) = Planner.TableOf(pipeline, dep);
            var have = await store.DatesWithRowsAsync(table, column, needed[0], needed[^1], ct);
            missing.AddRange(needed.Where(d => !have.Contains(d)).Select(d => $"{table} {d:yyyy-MM-dd}"));
        }
        return missing;
    }
}
