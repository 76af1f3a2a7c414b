using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.OrderBook;

namespace Backfill.Testing.Behaviour;

/// <summary>Makes fresh, migrated databases of one store for the behaviour suite: one per test, never shared.</summary>
public abstract class StoreFactory
{
    /// <summary>The engine ledger plus the order-book schema, as 'backfill migrate' applies them.</summary>
    public static IEnumerable<Migration> Migrations => LedgerMigrations.All.Concat(new OrderBookPack().Migrations);

    /// <summary>Payload column types the store can hold, the migrated one first (SQLite: TEXT only).</summary>
    public abstract IReadOnlyList<string> PayloadColumnTypes { get; }

    /// <summary>A payload column type that accepts any text, including JSON that does not parse.</summary>
    public abstract string TextPayloadType { get; }

    public abstract Task<TestDatabase> CreateAsync(CancellationToken ct);

    /// <summary>Applies the migrations to a new database; a database that cannot be migrated is disposed.</summary>
    protected static async Task<TestDatabase> MigratedAsync(TestDatabase db, CancellationToken ct)
    {
        try
        {
            await db.Store.MigrateAsync(Migrations, ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One throwaway database: the store the test works with, plus what a test needs around it.</summary>
public abstract class TestDatabase(SqlStore store) : IAsyncDisposable
{
    public SqlStore Store { get; } = store;

    /// <summary>A second, independent connection to the same database (another writer, e.g. live ingestion).</summary>
    public Task<SqlStore> ConnectAgainAsync(CancellationToken ct) => Store.OpenSiblingAsync(ct);

    /// <summary>Changes the type of market_book_snapshots.raw_payload, as an existing database may have it.</summary>
    public abstract Task ChangePayloadColumnTypeAsync(string type, CancellationToken ct);

    public virtual async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
