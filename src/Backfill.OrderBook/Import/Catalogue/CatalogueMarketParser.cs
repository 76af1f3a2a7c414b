using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Backfill.OrderBook.Import.Rest;

namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>
/// Reads one listMarketCatalogue market object. Absent and null fields are unknown; a field of the
/// wrong type rejects the market (a catalogue that lies about one field cannot be trusted for roles).
/// </summary>
internal static class CatalogueMarketParser
{
    public static bool TryParse(
        ReadOnlyMemory<byte> utf8, long line, [NotNullWhen(true)] out CatalogueMarket? market, out string kind, out string problem)
    {
        market = null;
        kind = ImportIssueKinds.InvalidCatalogueMarket;
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        if (!TryString(root, "marketId", "", out var marketId, out problem))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(marketId))
        {
            kind = ImportIssueKinds.MissingMarketId;
            problem = "catalogue market without a marketId; skipped";
            return false;
        }

        if (!(TryString(root, "marketName", "", out var marketName, out problem)
            && TryObject(root, "description", "", out var description, out problem)
            && TryString(description, "marketType", "description.", out var marketType, out problem)
            && TryTime(root, "marketStartTime", "", out var startTime, out problem)
            && TryTime(description, "marketTime", "description.", out var marketTime, out problem)
            && TryObject(root, "event", "", out var eventElement, out problem)
            && TryString(eventElement, "name", "event.", out var eventName, out problem)
            && TryObject(root, "competition", "", out var competition, out problem)
            && TryString(competition, "name", "competition.", out var competitionName, out problem)
            && TryRunners(root, out var runners, out problem)))
        {
            problem = $"market {marketId}: {problem}; skipped";
            return false;
        }

        market = new CatalogueMarket(marketId, marketName, marketType, eventName, competitionName, startTime ?? marketTime, runners)
        {
            Line = line,
        };
        return true;
    }

    private static bool TryRunners(JsonElement root, out IReadOnlyList<CatalogueRunner> runners, out string problem)
    {
        runners = [];
        problem = "";
        if (!root.TryGetProperty("runners", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problem = $"runners is {Describe(array)}, not an array";
            return false;
        }

        var list = new List<CatalogueRunner>();
        foreach (var runner in array.EnumerateArray())
        {
            var path = $"runners[{list.Count}]";
            if (runner.ValueKind != JsonValueKind.Object)
            {
                problem = $"{path} is {Describe(runner)}, not an object";
                return false;
            }

            if (!runner.TryGetProperty("selectionId", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var selectionId))
            {
                problem = $"{path} has no integer selectionId";
                return false;
            }

            int? sortPriority = null;
            if (runner.TryGetProperty("sortPriority", out var priority) && priority.ValueKind != JsonValueKind.Null)
            {
                if (priority.ValueKind != JsonValueKind.Number || !priority.TryGetInt32(out var value))
                {
                    problem = $"{path}.sortPriority is not an integer";
                    return false;
                }

                sortPriority = value;
            }

            if (!TryString(runner, "runnerName", path + ".", out var name, out problem))
            {
                return false;
            }

            list.Add(new CatalogueRunner(selectionId, name, sortPriority));
        }

        runners = list;
        return true;
    }

    private static bool TryString(JsonElement parent, string name, string path, out string? value, out string problem)
    {
        value = null;
        problem = "";
        if (!TryGet(parent, name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"{path}{name} is {Describe(element)}, not a string";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryObject(JsonElement parent, string name, string path, out JsonElement value, out string problem)
    {
        value = default;
        problem = "";
        if (!TryGet(parent, name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path}{name} is {Describe(element)}, not an object";
            return false;
        }

        value = element;
        return true;
    }

    private static bool TryTime(JsonElement parent, string name, string path, out DateTime? value, out string problem)
    {
        value = null;
        if (!TryString(parent, name, path, out var text, out problem) || text is null)
        {
            return problem.Length == 0;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            problem = $"{path}{name} \"{text}\" is not a date and time";
            return false;
        }

        value = time.UtcDateTime;
        return true;
    }

    /// <summary>False for an absent or null field, and for any field of a parent that is not an object (absent itself).</summary>
    private static bool TryGet(JsonElement parent, string name, out JsonElement element)
    {
        element = default;
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
