using System.Data.Common;
using Npgsql;

namespace Backfill.Postgres;

/// <summary>Accepts both postgres:// URLs and Npgsql key=value connection strings.</summary>
public static class PostgresConnectionString
{
    public static bool Looks(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || db.Contains("host=", StringComparison.OrdinalIgnoreCase);

    public static string ToNpgsql(string db)
    {
        var b = Parse(db);
        // Npgsql gives every command 30 s by default and then drops it (and may break the connection). The
        // statistics scans before and after a run read a whole table: minutes at tens of millions of rows on a
        // busy server. Batches have their own server-side limits (--statement-timeout, --lock-timeout), so
        // there is no client-side limit unless the connection string asks for one.
        if (!SetsCommandTimeout(b)) b.CommandTimeout = 0;
        return b.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder Parse(string db)
    {
        if (!db.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(db);
        var uri = new Uri(db);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(uri.Host),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } d ? d : null,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            b[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return b;
    }

    /// <summary>
    /// Whether the user set a command timeout, whatever the spelling or form: the builder keeps only the keys
    /// it was given, under their canonical names.
    /// </summary>
    private static bool SetsCommandTimeout(NpgsqlConnectionStringBuilder b) =>
        new DbConnectionStringBuilder { ConnectionString = b.ConnectionString }.ContainsKey("Command Timeout");

    /// <summary>Where it points, without secrets, for messages.</summary>
    public static string Describe(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
