using Backfill.Sports.Schema;
using Backfill.Sqlite;

namespace Backfill.Sports.Tests.Support;

/// <summary>A migrated SQLite file in a fresh temp folder (a real file, not :memory:), deleted on dispose.</summary>
internal sealed class TempSqlite : IAsyncDisposable
{
    private TempSqlite(string folder, SqliteStore store)
    {
        Folder = folder;
        Store = store;
    }

    public string Folder { get; }
    public SqliteStore Store { get; }

    public static async Task<TempSqlite> CreateAsync(bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "backfill-sports-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var store = await SqliteStore.OpenAsync(Path.Combine(folder, "nba.db"), TimeProvider.System, CancellationToken.None);
        if (migrate) await store.MigrateAsync(SportsMigrations.All, CancellationToken.None);
        return new TempSqlite(folder, store);
    }

    public async Task<long> CountAsync(string table, string where = "1 = 1", params (string, object?)[] parameters) =>
        Convert.ToInt64(await Store.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE {where}", CancellationToken.None, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
