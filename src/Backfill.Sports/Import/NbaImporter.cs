using Backfill.Core.Sql;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Import;

/// <summary>
/// Loads the NBA CSV files into the raw tables. Idempotent (rows already there are kept, never updated), one
/// transaction per file, and a malformed line is reported with its line number instead of stopping the import.
/// </summary>
public static class NbaImporter
{
    /// <param name="path">A data folder holding games/ and player_game_logs/, or one games or player-log CSV file.</param>
    public static async Task<NbaImportResult> ImportAsync(SqlStore store, string path, CancellationToken ct)
    {
        var files = await NbaImportFiles.FindAsync(path, ct);
        await RequireTablesAsync(store, ct);
        var tally = new ImportTally();
        foreach (var file in files.Games) await ImportGamesAsync(store, file, tally, ct);
        foreach (var file in files.Logs) await ImportLogsAsync(store, file, tally, ct);
        return tally.ToResult();
    }

    private static async Task ImportGamesAsync(SqlStore store, string file, ImportTally tally, CancellationToken ct)
    {
        tally.AddFile(file);
        await using var tx = await store.Connection.BeginTransactionAsync(ct);
        await using (var insert = await PreparedInsert.CreateAsync(store, tx, SportsTables.Games, ImportColumns.Games, ImportColumns.GamesKey, ct))
        {
            await foreach (var record in CsvFile.ReadAsync(file, GameRow.CsvColumns, ct))
            {
                if (Parse(record, GameRow.FromCsv, file, tally) is not { } game) continue;
                tally.GamesRead++;
                if (await insert.InsertAsync(game.Values(), ct)) tally.GamesInserted++;
            }
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Logs, then the games they imply, in the same transaction: a schedule imported earlier keeps its rows.</summary>
    private static async Task ImportLogsAsync(SqlStore store, string file, ImportTally tally, CancellationToken ct)
    {
        tally.AddFile(file);
        var derived = new GamesFromLogs();
        await using var tx = await store.Connection.BeginTransactionAsync(ct);
        await using (var insert = await PreparedInsert.CreateAsync(store, tx, SportsTables.PlayerGameLogs, ImportColumns.PlayerLogs, ImportColumns.PlayerLogsKey, ct))
        {
            await foreach (var record in CsvFile.ReadAsync(file, PlayerLogRow.CsvColumns, ct))
            {
                if (Parse(record, PlayerLogRow.FromCsv, file, tally) is not { } log) continue;
                tally.LogsRead++;
                if (await insert.InsertAsync(log.Values(), ct)) tally.LogsInserted++;
                derived.Add(log);
            }
        }
        await using (var insert = await PreparedInsert.CreateAsync(store, tx, SportsTables.Games, ImportColumns.Games, ImportColumns.GamesKey, ct))
        {
            foreach (var game in derived.Rows())
                if (await insert.InsertAsync(game.Values(), ct)) tally.GamesDerived++;
        }
        await tx.CommitAsync(ct);
    }

    private static T? Parse<T>(CsvRecord record, Func<CsvRow, T> parse, string file, ImportTally tally) where T : class
    {
        if (record.Row is null)
        {
            tally.Reject(file, record.Line, record.Error ?? "unreadable line");
            return null;
        }
        try
        {
            return parse(record.Row);
        }
        catch (MalformedRowException e)
        {
            tally.Reject(file, record.Line, e.Message);
            return null;
        }
    }

    private static async Task RequireTablesAsync(SqlStore store, CancellationToken ct)
    {
        foreach (var table in new[] { SportsTables.Games, SportsTables.PlayerGameLogs })
            if (!await store.Dialect.TableExistsAsync(store.Connection, table, ct))
                throw new SchemaException($"Table '{table}' does not exist in {store.Describe()}. Run 'backfill migrate' first.");
    }
}
