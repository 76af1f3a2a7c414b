using System.Text.Json;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>Typed reads of stream fields that report a wrong type or an overflowing number instead of throwing.</summary>
internal static class StrictJson
{
    public static bool TryNumber(JsonElement element, IssueLog issues, string where, out double value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where} is {Describe(element)}, not a number");
            return false;
        }

        // A syntactically valid number that does not fit a double (1e999) fails here or parses to infinity.
        if (!element.TryGetDouble(out value) || !double.IsFinite(value))
        {
            issues.Report(ReplayIssueKinds.NotFinite, $"{where} = {element.GetRawText()} is not a finite number");
            return false;
        }

        return true;
    }

    public static bool TryInt64(JsonElement element, IssueLog issues, string where, out long value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out value))
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where} is {Describe(element)}, not an integer");
            return false;
        }

        return true;
    }

    /// <summary>An absent or null field is fine (returns true with null); any other non-string is reported.</summary>
    public static bool TryOptionalString(JsonElement parent, string name, IssueLog issues, string where, out string? value)
    {
        value = null;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where}.{name} is {Describe(element)}, not a string");
            return false;
        }

        value = element.GetString();
        return true;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Truncate(element.GetRawText())}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
