using System.Globalization;

namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>A backfill_batches row: the keys one committed batch covered and what it wrote.</summary>
public sealed record LedgerBatch(long BatchNo, long FirstKey, long LastKey, long Rows, long Updated, long Inserted)
{
    public long Written => Updated + Inserted;

    public static async Task<IReadOnlyList<LedgerBatch>> OfRunAsync(string db, long runId)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var cmd = store.Command(
            "SELECT batch_no, first_key, last_key, rows, updated, inserted FROM backfill_batches WHERE run_id = @id ORDER BY batch_no", null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync();
        var batches = new List<LedgerBatch>();
        while (await r.ReadAsync())
        {
            long L(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
            batches.Add(new LedgerBatch(L(0), L(1), L(2), L(3), L(4), L(5)));
        }

        return batches;
    }
}
