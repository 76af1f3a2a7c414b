using Backfill.Core.Sql;
using Backfill.Sqlite;

namespace Backfill.Testing.Behaviour;

/// <summary>A fresh temp FILE per test (what users get, not :memory:), deleted with its WAL files afterwards.</summary>
public sealed class SqliteStoreFactory : StoreFactory
{
    public override IReadOnlyList<string> PayloadColumnTypes { get; } = ["TEXT"];

    public override string TextPayloadType => "TEXT";

    public override async Task<TestDatabase> CreateAsync(CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"backfill-behaviour-{Guid.NewGuid():N}.db");
        return await MigratedAsync(new SqliteTestDatabase(await SqliteStore.OpenAsync(path, TimeProvider.System, ct), path), ct);
    }

    private sealed class SqliteTestDatabase(SqlStore store, string path) : TestDatabase(store)
    {
        public override Task ChangePayloadColumnTypeAsync(string type, CancellationToken ct) =>
            string.Equals(type, "TEXT", StringComparison.OrdinalIgnoreCase)
                ? Task.CompletedTask
                : throw new NotSupportedException($"SQLite keeps payloads as TEXT; '{type}' is not a SQLite payload type.");

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
                File.Delete(file);
        }
    }
}
