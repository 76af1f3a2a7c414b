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
        if (!db.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(db).ConnectionString;
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
        return b.ConnectionString;
    }

    /// <summary>Where it points, without secrets, for messages.</summary>
    public static string Describe(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
