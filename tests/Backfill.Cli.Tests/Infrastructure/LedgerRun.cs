using System.Data.Common;
using System.Globalization;
using Backfill.Core.Sql;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>A backfill_runs row, read with plain SQL (not through the engine's own ledger code).</summary>
public sealed record LedgerRun(long RunId, string Job, string State, long? MinKey, long? MaxKey, long? CheckpointKey,
    long Processed, long Updated, long Inserted, long Skipped, long Errors, long Batches)
{
    private const string Columns = "run_id, job, state, min_key, max_key, checkpoint_key, processed, updated, inserted, skipped, errors, batches";

    public long Written => Updated + Inserted;

    public bool CheckpointIsStrictlyInside => CheckpointKey > MinKey && CheckpointKey < MaxKey;

    public static async Task<LedgerRun?> LatestAsync(SqlStore store, string job)
    {
        await using var cmd = store.Command($"SELECT {Columns} FROM backfill_runs WHERE job = @job ORDER BY run_id DESC LIMIT 1", null, ("@job", job));
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? Read(r) : null;
    }

    public static async Task<IReadOnlyList<LedgerRun>> AllAsync(string db)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var cmd = store.Command($"SELECT {Columns} FROM backfill_runs ORDER BY run_id");
        await using var r = await cmd.ExecuteReaderAsync();
        var runs = new List<LedgerRun>();
        while (await r.ReadAsync())
        {
            runs.Add(Read(r));
        }

        return runs;
    }

    public override string ToString() =>
        $"run {RunId} of {Job}: {State}, keys [{MinKey}..{MaxKey}], checkpoint {CheckpointKey}, {Batches} batches, "
        + $"{Processed} rows: {Updated} updated, {Inserted} inserted, {Skipped} skipped, {Errors} errors";

    private static LedgerRun Read(DbDataReader r)
    {
        long? L(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        return new LedgerRun(L(0)!.Value, r.GetString(1), r.GetString(2), L(3), L(4), L(5), L(6)!.Value, L(7)!.Value, L(8)!.Value, L(9)!.Value, L(10)!.Value, L(11)!.Value);
    }
}
