using System.Globalization;

namespace Backfill.Sports.Import;

/// <summary>Typed access by header name to the fields of one CSV data line; bad values throw <see cref="MalformedRowException"/>.</summary>
internal sealed class CsvRow(CsvHeader header, IReadOnlyList<string> fields)
{
    /// <summary>The field, or null when it is empty or the file has no such (optional) column.</summary>
    public string? Text(string column)
    {
        if (!header.TryIndexOf(column, out var i)) return null;
        var value = fields[i];
        return value.Length == 0 ? null : value;
    }

    public string RequiredText(string column) => Text(column) ?? throw new MalformedRowException($"{column} is empty");

    public long RequiredLong(string column) => NullableLong(column) ?? throw new MalformedRowException($"{column} is empty");

    /// <summary>A whole number; "12.0" is accepted because some exports write counts as floats.</summary>
    public long? NullableLong(string column)
    {
        if (Text(column) is not { } s) return null;
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        if (double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
            return (long)d;
        throw new MalformedRowException($"{column} '{s}' is not a whole number");
    }

    /// <summary>A date as 'yyyy-MM-dd', optionally followed by a time ("2023-01-02T00:00:00"), which is dropped.</summary>
    public DateOnly RequiredDate(string column)
    {
        var s = RequiredText(column);
        var datePart = s.Length > 10 && s[10] == 'T' ? s[..10] : s;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new MalformedRowException($"{column} '{s}' is not a date (yyyy-MM-dd)");
    }
}

/// <summary>Column positions by name (case-insensitive), checked once per file.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(IReadOnlyList<string> names)
    {
        Count = names.Count;
        for (var i = 0; i < names.Count; i++) _index.TryAdd(names[i].Trim(), i);
    }

    public int Count { get; }

    public IEnumerable<string> Missing(IEnumerable<string> columns) => columns.Where(c => !_index.ContainsKey(c));

    public bool TryIndexOf(string column, out int index) => _index.TryGetValue(column, out index);
}
