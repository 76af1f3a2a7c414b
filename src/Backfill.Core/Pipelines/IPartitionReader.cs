using System.Data;

namespace Backfill.Core.Pipelines;

/// <summary>
/// Read-only queries for processors. SQL must be plain enough for both stores; bind dates as <see cref="DateOnly"/>
/// and read them back with <see cref="Values.Date"/> (SQLite keeps them as text).
/// </summary>
public interface IPartitionReader
{
    Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<IDataRecord, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters);
}

/// <summary>Store-neutral reads of column values.</summary>
public static class Values
{
    public static DateOnly Date(IDataRecord r, int i) => r.GetValue(i) switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        var v => throw new InvalidCastException($"Not a date: {v}"),
    };

    public static long Long(IDataRecord r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    public static long? NullableLong(IDataRecord r, int i) => r.IsDBNull(i) ? null : Long(r, i);
    public static double? NullableDouble(IDataRecord r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    public static string? NullableString(IDataRecord r, int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
