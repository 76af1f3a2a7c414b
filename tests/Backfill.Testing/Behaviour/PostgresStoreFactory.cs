using Backfill.Core.Sql;
using Backfill.Postgres;
using Backfill.Testing.Postgres;

namespace Backfill.Testing.Behaviour;

/// <summary>A fresh database per test on the shared server of the run (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresStoreFactory(PostgresServer server) : StoreFactory
{
    private static readonly string[] Types = ["jsonb", "json", "text"];

    public override IReadOnlyList<string> PayloadColumnTypes => Types;

    public override string TextPayloadType => "text";

    public override async Task<TestDatabase> CreateAsync(CancellationToken ct)
    {
        var connectionString = await server.CreateDatabaseAsync("behaviour", ct);
        return await MigratedAsync(new PostgresTestDatabase(await PostgresStore.OpenAsync(connectionString, TimeProvider.System, ct)), ct);
    }

    private sealed class PostgresTestDatabase(SqlStore store) : TestDatabase(store)
    {
        public override async Task ChangePayloadColumnTypeAsync(string type, CancellationToken ct)
        {
            if (!Types.Contains(type)) throw new ArgumentException($"'{type}' is not a payload type this suite knows.", nameof(type));
            await Store.ExecuteAsync($"ALTER TABLE market_book_snapshots ALTER COLUMN raw_payload TYPE {type} USING raw_payload::{type}", ct);
        }
    }
}
