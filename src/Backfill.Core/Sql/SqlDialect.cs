using System.Data.Common;
using Backfill.Core.Schema;

namespace Backfill.Core.Sql;

/// <summary>What differs between the SQL of two stores. Everything else is shared.</summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }
    public abstract string TypeOf(ColumnType type);

    /// <summary>True where an identity column must be declared the primary key inline (SQLite's rowid alias).</summary>
    public virtual bool IdentityIsPrimaryKey => false;

    public virtual string ColumnSql(ColumnDef c, bool soleKey)
    {
        var sql = $"{SqlIdentifier.Quote(c.Name)} {TypeOf(c.Type)}";
        if (c.NotNull && !(c.Type == ColumnType.Identity && IdentityIsPrimaryKey)) sql += " NOT NULL";
        if (c.References is { } r)
        {
            var (table, column) = (r.Split('.')[0], r.Split('.')[1]);
            sql += $" REFERENCES {SqlIdentifier.Quote(table)}({SqlIdentifier.Quote(column)})";
        }
        return sql;
    }

    /// <summary>SQL that moves an identity column's generator past rows inserted with explicit keys; null where not needed.</summary>
    public virtual string? SyncIdentitySql(string table, string column) => null;

    /// <summary>NULL-aware "differs" comparison.</summary>
    public virtual string IsDistinct(string a, string b) => $"{a} IS DISTINCT FROM {b}";

    /// <summary>Expression that reads a source column as the processor expects it (e.g. jsonb as text).</summary>
    public virtual string ReadExpression(string qualifiedColumn, string? declaredType) => qualifiedColumn;

    /// <summary>A parameter written into a column of the given declared type (text sent to a jsonb column needs a cast).</summary>
    public virtual string ParameterAs(string parameter, string? declaredType) => parameter;

    /// <summary>
    /// Starts a read-only transaction whose snapshot is taken at once: what its queries see stays as it was, whatever
    /// other connections commit meanwhile. Run on a connection with no transaction object; end it with <c>COMMIT</c>.
    /// </summary>
    public abstract string BeginSnapshotSql { get; }

    public async Task<bool> TableExistsAsync(DbConnection c, string table, CancellationToken ct, DbTransaction? tx = null) =>
        (await ColumnTypesAsync(c, table, ct, tx)).Count > 0;

    /// <summary>Column name to declared type; empty when the table does not exist.</summary>
    public abstract Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(DbConnection c, string table, CancellationToken ct, DbTransaction? tx = null);
}
