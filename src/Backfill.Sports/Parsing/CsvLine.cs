using System.Text;

namespace Backfill.Sports.Parsing;

/// <summary>
/// One RFC-4180 record on one line: comma-separated fields, a field in double quotes may hold commas, and a
/// doubled quote inside it is one quote. A record never spans lines here: the NBA files hold no embedded line
/// breaks, and a stray quote must reject its own line rather than swallow the rest of the file.
/// </summary>
public static class CsvLine
{
    /// <summary>The fields of the line, or null with the reason when it is not valid CSV.</summary>
    public static IReadOnlyList<string>? TryParse(string line, out string? error)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                if (!ReadQuoted(line, ref i, field, out error)) return null;
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                var quote = line.IndexOf('"', i, end - i);
                if (quote >= 0)
                {
                    error = $"quote inside an unquoted field (field {fields.Count + 1}, column {quote + 1})";
                    return null;
                }
                field.Append(line, i, end - i);
                i = end;
            }
            fields.Add(field.ToString());
            if (i >= line.Length) break;
            i++; // the comma
        }
        error = null;
        return fields;
    }

    /// <summary>The fields of the line; throws <see cref="FormatException"/> when it is not valid CSV.</summary>
    public static IReadOnlyList<string> Parse(string line) => TryParse(line, out var error) ?? throw new FormatException(error);

    private static bool ReadQuoted(string line, ref int i, StringBuilder field, out string? error)
    {
        var start = i;
        i++; // opening quote
        while (true)
        {
            var quote = line.IndexOf('"', i);
            if (quote < 0)
            {
                error = $"unterminated quoted field starting at column {start + 1}";
                return false;
            }
            field.Append(line, i, quote - i);
            i = quote + 1;
            if (i < line.Length && line[i] == '"')
            {
                field.Append('"');
                i++;
                continue;
            }
            if (i < line.Length && line[i] != ',')
            {
                error = $"text after the closing quote at column {i + 1}";
                return false;
            }
            error = null;
            return true;
        }
    }
}
