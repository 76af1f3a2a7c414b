using Backfill.Core.Schema;
using static Backfill.Core.Sql.SqlIdentifier;

namespace Backfill.Core.Sql;

public abstract partial class SqlStore
{
    private const string MigrationsTable = "backfill_schema_migrations";

    /// <summary>Applies the migrations not yet recorded, each in its own transaction. Returns those applied now.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(IEnumerable<Migration> migrations, CancellationToken ct)
    {
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {Quote(MigrationsTable)} (id {Dialect.TypeOf(ColumnType.Text)} PRIMARY KEY, description {Dialect.TypeOf(ColumnType.Text)} NOT NULL, applied_at {Dialect.TypeOf(ColumnType.Timestamp)} NOT NULL)", ct);
        var applied = await AppliedMigrationsAsync(ct);
        var done = new List<Migration>();
        foreach (var m in migrations.Where(m => !applied.ContainsKey(m.Id)))
        {
            await using var tx = await Connection.BeginTransactionAsync(ct);
            foreach (var step in m.Steps)
                await ApplyAsync(step, tx, ct);
            await using (var cmd = Command($"INSERT INTO {Quote(MigrationsTable)} (id, description, applied_at) VALUES (@id, @d, @t)", tx,
                             ("@id", m.Id), ("@d", m.Description), ("@t", UtcNow)))
                await cmd.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            done.Add(m);
        }
        return done;
    }

    public async Task<IReadOnlyDictionary<string, DateTime>> AppliedMigrationsAsync(CancellationToken ct)
    {
        var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (!await Dialect.TableExistsAsync(Connection, MigrationsTable, ct)) return result;
        await using var cmd = Command($"SELECT id, applied_at FROM {Quote(MigrationsTable)} ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            result[r.GetString(0)] = ReadTime(r.GetValue(1))!.Value;
        return result;
    }

    private async Task ApplyAsync(MigrationStep step, System.Data.Common.DbTransaction tx, CancellationToken ct)
    {
        switch (step)
        {
            case CreateTable t:
                var soleKey = t.PrimaryKey.Count == 1;
                var cols = t.Columns.Select(c => Dialect.ColumnSql(c, soleKey && t.PrimaryKey[0] == c.Name)).ToList();
                if (!t.Columns.Any(c => c.Type == ColumnType.Identity && Dialect.IdentityIsPrimaryKey))
                    cols.Add($"PRIMARY KEY ({string.Join(", ", t.PrimaryKey.Select(Quote))})");
                await ExecAsync($"CREATE TABLE IF NOT EXISTS {Quote(t.Table)} ({string.Join(", ", cols)})");
                break;
            case AddColumns a:
                var existing = await Dialect.ColumnTypesAsync(Connection, a.Table, ct, tx);
                foreach (var c in a.Columns.Where(c => !existing.ContainsKey(c.Name)))
                    await ExecAsync($"ALTER TABLE {Quote(a.Table)} ADD COLUMN {Dialect.ColumnSql(c, false)}");
                break;
            case CreateIndex i:
                await ExecAsync($"CREATE INDEX IF NOT EXISTS {Quote(i.Name)} ON {Quote(i.Table)} ({string.Join(", ", i.Columns.Select(Quote))})");
                break;
            default:
                throw new NotSupportedException(step.GetType().Name);
        }

        async Task ExecAsync(string sql)
        {
            await using var cmd = Command(sql, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
