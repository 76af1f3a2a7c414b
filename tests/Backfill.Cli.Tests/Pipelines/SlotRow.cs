using System.Globalization;
using Backfill.Cli.Tests.Infrastructure;
using Backfill.Core.Sql;

namespace Backfill.Cli.Tests.Pipelines;

/// <summary>A backfill_slots row, read with plain SQL (not through the engine's own ledger code).</summary>
public sealed record SlotRow(string Processor, string Date, int Phase, string Status, string? Reason, long Attempts, long RowsWritten, string? Error)
{
    public (string Processor, string Date) Key => (Processor, Date);

    public bool IsBootstrap => Status == "skipped" && Reason?.StartsWith("bootstrap", StringComparison.Ordinal) == true;

    public bool IsBlocked => Status == "skipped" && Reason?.StartsWith("upstream_failed", StringComparison.Ordinal) == true;

    public static async Task<IReadOnlyList<SlotRow>> OfRunAsync(string db, long runId)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        return await OfRunAsync(store, runId);
    }

    public static async Task<IReadOnlyList<SlotRow>> OfRunAsync(SqlStore store, long runId)
    {
        await using var cmd = store.Command(
            "SELECT processor, partition_date, phase, status, reason, attempts, rows_written, error FROM backfill_slots WHERE run_id = @id ORDER BY partition_date, phase, processor",
            null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync();
        var slots = new List<SlotRow>();
        while (await r.ReadAsync())
        {
            string? S(int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture);
            long L(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
            slots.Add(new SlotRow(r.GetString(0), DateText(r.GetValue(1)), (int)L(2), r.GetString(3), S(4), L(5), L(6), S(7)));
        }

        return slots;
    }

    public override string ToString() => $"{Processor} {Date}: {Status}{(Reason is null ? "" : $" ({Reason})")}, attempt(s) {Attempts}";

    /// <summary>SQLite keeps dates as 'YYYY-MM-DD' text, PostgreSQL as date (read as DateTime or DateOnly).</summary>
    public static string DateText(object value) => value switch
    {
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => s.Length >= 10 ? s[..10] : s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
