using System.Globalization;
using System.Text.Json;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Applies a <c>marketDefinition</c>: market status, in-play, type, event name, start time and the
/// runners' sort priority, name and status. A field of the wrong type is reported and the previous
/// value kept; absent fields keep their previous value too (names appear only in official files).
/// </summary>
internal sealed class MarketDefinitionApplier(IssueLog issues)
{
    public void Apply(MarketCache market, JsonElement definition)
    {
        var where = $"market {market.MarketId} marketDefinition";
        if (definition.ValueKind != JsonValueKind.Object)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where} is {StrictJson.Describe(definition)}, not an object");
            return;
        }

        if (StrictJson.TryOptionalString(definition, "status", issues, where, out var status) && status is not null)
        {
            market.Status = status;
        }

        if (definition.TryGetProperty("inPlay"u8, out var inPlay))
        {
            if (inPlay.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                market.InPlay = inPlay.GetBoolean();
            }
            else if (inPlay.ValueKind != JsonValueKind.Null)
            {
                issues.Report(ReplayIssueKinds.WrongType, $"{where}.inPlay is {StrictJson.Describe(inPlay)}, not a boolean");
            }
        }

        if (StrictJson.TryOptionalString(definition, "marketType", issues, where, out var marketType) && marketType is not null)
        {
            market.MarketType = marketType;
        }

        if (StrictJson.TryOptionalString(definition, "eventName", issues, where, out var eventName) && eventName is not null)
        {
            market.EventName = eventName;
        }

        if (StrictJson.TryOptionalString(definition, "marketTime", issues, where, out var marketTime) && marketTime is not null)
        {
            if (DateTime.TryParse(marketTime, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                market.MarketTimeUtc = parsed;
            }
            else
            {
                issues.Report(ReplayIssueKinds.WrongType, $"{where}.marketTime \"{marketTime}\" is not a date and time");
            }
        }

        if (definition.TryGetProperty("runners"u8, out var runners) && runners.ValueKind != JsonValueKind.Null)
        {
            if (runners.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var runner in runners.EnumerateArray())
                {
                    ApplyRunner(market, runner, $"{where}.runners[{index++}]");
                }

                market.SortRunners();
            }
            else
            {
                issues.Report(ReplayIssueKinds.WrongType, $"{where}.runners is {StrictJson.Describe(runners)}, not an array");
            }
        }

        // A definition is what makes a market's status known, so only a usable one counts.
        market.HasDefinition |= market.Status is not null;
    }

    private void ApplyRunner(MarketCache market, JsonElement definition, string where)
    {
        if (definition.ValueKind != JsonValueKind.Object)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where} is {StrictJson.Describe(definition)}, not an object");
            return;
        }

        if (!definition.TryGetProperty("id"u8, out var idElement))
        {
            issues.Report(ReplayIssueKinds.MissingField, $"{where} has no id");
            return;
        }

        if (!StrictJson.TryInt64(idElement, issues, $"{where}.id", out var selectionId))
        {
            return;
        }

        double handicap = 0;
        if (definition.TryGetProperty("hc"u8, out var hc) && hc.ValueKind != JsonValueKind.Null
            && !StrictJson.TryNumber(hc, issues, $"{where}.hc", out handicap))
        {
            return;
        }

        var runner = market.GetOrAddRunner(selectionId, handicap);
        if (definition.TryGetProperty("sortPriority"u8, out var sortPriority) && sortPriority.ValueKind != JsonValueKind.Null)
        {
            if (sortPriority.ValueKind == JsonValueKind.Number && sortPriority.TryGetInt32(out var priority))
            {
                runner.SortPriority = priority;
            }
            else
            {
                issues.Report(ReplayIssueKinds.WrongType, $"{where}.sortPriority is {StrictJson.Describe(sortPriority)}, not an integer");
            }
        }

        if (StrictJson.TryOptionalString(definition, "name", issues, where, out var name) && name is not null)
        {
            runner.Name = name;
        }

        if (StrictJson.TryOptionalString(definition, "status", issues, where, out var status) && status is not null)
        {
            runner.Status = status;
        }
    }
}
