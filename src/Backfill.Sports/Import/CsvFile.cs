using System.Runtime.CompilerServices;
using Backfill.Sports.Parsing;

namespace Backfill.Sports.Import;

/// <summary>One data line of a CSV file: its row, or why it cannot be read. Lines count from 1, the header included.</summary>
internal sealed record CsvRecord(long Line, CsvRow? Row, string? Error);

/// <summary>Reads a headed CSV file line by line; a bad line becomes an error record, never an exception.</summary>
internal static class CsvFile
{
    public static async Task<CsvHeader?> ReadHeaderAsync(string file, CancellationToken ct)
    {
        using var reader = new StreamReader(file);
        var line = await reader.ReadLineAsync(ct);
        return line is null || CsvLine.TryParse(line, out _) is not { } names ? null : new CsvHeader(names);
    }

    /// <summary>The data lines; when the header lacks a required column, one error for line 1 and nothing else.</summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(string file, IReadOnlyList<string> requiredColumns, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(file);
        var headerLine = await reader.ReadLineAsync(ct);
        if (headerLine is null)
        {
            yield return new CsvRecord(1, null, "empty file: no header line");
            yield break;
        }
        var names = CsvLine.TryParse(headerLine, out var headerError);
        var header = names is null ? null : new CsvHeader(names);
        var missing = header?.Missing(requiredColumns).ToList() ?? [];
        if (header is null || missing.Count > 0)
        {
            yield return new CsvRecord(1, null, header is null ? $"unreadable header: {headerError}" : $"header lacks column(s) {string.Join(", ", missing)}");
            yield break;
        }

        long lineNumber = 1;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = CsvLine.TryParse(line, out var error);
            if (fields is null) yield return new CsvRecord(lineNumber, null, error);
            else if (fields.Count != header.Count) yield return new CsvRecord(lineNumber, null, $"expected {header.Count} fields, found {fields.Count}");
            else yield return new CsvRecord(lineNumber, new CsvRow(header, fields), null);
        }
    }
}
