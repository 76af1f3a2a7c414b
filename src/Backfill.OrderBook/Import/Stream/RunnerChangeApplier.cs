using System.Text.Json;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Applies one <c>rc</c> entry to a market's cache. Each delta is checked on its own: a bad one is
/// reported and dropped, and every valid delta around it is still applied.
/// </summary>
internal sealed class RunnerChangeApplier(IssueLog issues)
{
    private static readonly string[] ItemNames = ["[0]", "[1]", "[2]"];

    /// <param name="index">Position in the market change's <c>rc</c> array, for messages.</param>
    public void Apply(MarketCache market, JsonElement change, int index)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"market {market.MarketId} rc[{index}] is {StrictJson.Describe(change)}, not a runner change object");
            return;
        }

        if (!change.TryGetProperty("id"u8, out var idElement))
        {
            issues.Report(ReplayIssueKinds.MissingField, $"market {market.MarketId} rc[{index}] has no runner id; its deltas are dropped");
            return;
        }

        if (!(idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var selectionId))
            && !StrictJson.TryInt64(idElement, issues, $"market {market.MarketId} rc[{index}].id", out selectionId))
        {
            return;
        }

        double handicap = 0;
        if (change.TryGetProperty("hc"u8, out var hcElement) && hcElement.ValueKind != JsonValueKind.Null
            && !TryNumber(hcElement, new RunnerPosition(market.MarketId, selectionId), "hc", out handicap))
        {
            return;
        }

        var runner = market.GetOrAddRunner(selectionId, handicap);
        var where = new RunnerPosition(market.MarketId, selectionId);
        foreach (var field in change.EnumerateObject())
        {
            var value = field.Value;
            if (field.NameEquals("atb"u8))
            {
                market.SawAllOffers |= ApplyPriceDeltas(value, runner.AllBack, where, "atb");
            }
            else if (field.NameEquals("atl"u8))
            {
                market.SawAllOffers |= ApplyPriceDeltas(value, runner.AllLay, where, "atl");
            }
            else if (field.NameEquals("batb"u8))
            {
                market.SawBestOffers |= ApplyLevelDeltas(value, runner.BestBack, where, "batb");
            }
            else if (field.NameEquals("batl"u8))
            {
                market.SawBestOffers |= ApplyLevelDeltas(value, runner.BestLay, where, "batl");
            }
            else if (field.NameEquals("bdatb"u8))
            {
                market.SawBestDisplayOffers |= ApplyLevelDeltas(value, runner.DisplayBack, where, "bdatb");
            }
            else if (field.NameEquals("bdatl"u8))
            {
                market.SawBestDisplayOffers |= ApplyLevelDeltas(value, runner.DisplayLay, where, "bdatl");
            }
            else if (field.NameEquals("trd"u8))
            {
                ApplyPriceDeltas(value, runner.Traded, where, "trd");
            }
            else if (field.NameEquals("spb"u8))
            {
                ApplyPriceDeltas(value, runner.StartingPriceBack, where, "spb");
            }
            else if (field.NameEquals("spl"u8))
            {
                ApplyPriceDeltas(value, runner.StartingPriceLay, where, "spl");
            }
            else if (field.NameEquals("ltp"u8))
            {
                if (value.ValueKind != JsonValueKind.Null && TryNumber(value, where, "ltp", out var ltp))
                {
                    if (ltp > 1 || ltp == 0)
                    {
                        // Images write ltp 0 for a runner that has not traded: REST leaves the field out then.
                        runner.LastPriceTraded = ltp == 0 ? null : ltp;
                    }
                    else
                    {
                        issues.Report(ReplayIssueKinds.InvalidPrice, $"{where} ltp = {ltp} is not a price above 1");
                    }
                }
            }
            else if (field.NameEquals("tv"u8))
            {
                if (value.ValueKind != JsonValueKind.Null && TryNumber(value, where, "tv", out var volume) && IsVolume(volume, where, "tv"))
                {
                    runner.TotalMatched = volume;
                }
            }
        }
    }

    /// <summary>A traded volume (runner or market <c>tv</c>); negative volumes are reported and dropped.</summary>
    public bool IsVolume<TWhere>(double volume, TWhere where, string field)
    {
        if (volume < 0)
        {
            issues.Report(ReplayIssueKinds.NegativeSize, $"{where} {field} = {volume} is negative");
            return false;
        }

        return true;
    }

    /// <summary>The common case reads without building any text; only a failure pays for its message.</summary>
    public bool TryNumber<TWhere>(JsonElement value, TWhere where, string field, out double number) =>
        (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number) && double.IsFinite(number))
        || StrictJson.TryNumber(value, issues, $"{where} {field}", out number);

    /// <summary>True when the field held a ladder (an array), valid or not, so the market is known to carry this kind.</summary>
    private bool ApplyPriceDeltas(JsonElement deltas, PriceKeyedLadder ladder, RunnerPosition where, string name)
    {
        if (!IsDeltaArray(deltas, where, name))
        {
            return false;
        }

        var index = 0;
        foreach (var delta in deltas.EnumerateArray())
        {
            var at = new DeltaPosition(where, name, index++);
            if (TryReadTuple(delta, at, 2, out var price, out var size, out _) && IsValid(price, size, at))
            {
                ladder.Set(price, size);
            }
        }

        return true;
    }

    private bool ApplyLevelDeltas(JsonElement deltas, LevelKeyedLadder ladder, RunnerPosition where, string name)
    {
        if (!IsDeltaArray(deltas, where, name))
        {
            return false;
        }

        var index = 0;
        foreach (var delta in deltas.EnumerateArray())
        {
            var at = new DeltaPosition(where, name, index++);
            if (!TryReadTuple(delta, at, 3, out var level, out var price, out var size)
                || !IsValid(price, size, at))
            {
                continue;
            }

            if (level < 0 || level >= LevelKeyedLadder.MaxLevels || level != Math.Floor(level))
            {
                issues.Report(ReplayIssueKinds.InvalidLevel, $"{at} level {level} is not an integer from 0 to {LevelKeyedLadder.MaxLevels - 1}");
                continue;
            }

            ladder.Set((int)level, price, size);
        }

        return true;
    }

    private bool IsDeltaArray(JsonElement deltas, RunnerPosition where, string name)
    {
        if (deltas.ValueKind == JsonValueKind.Array)
        {
            return true;
        }

        if (deltas.ValueKind != JsonValueKind.Null)
        {
            issues.Report(ReplayIssueKinds.WrongType, $"{where} {name} is {StrictJson.Describe(deltas)}, not an array of deltas");
        }

        return false;
    }

    /// <summary>Reads a 2- or 3-number array; with two numbers the third output is unused.</summary>
    private bool TryReadTuple(JsonElement delta, DeltaPosition at, int expected, out double first, out double second, out double third)
    {
        first = second = third = 0;
        if (delta.ValueKind != JsonValueKind.Array || delta.GetArrayLength() != expected)
        {
            var shape = expected == 2 ? "[price,size]" : "[level,price,size]";
            issues.Report(ReplayIssueKinds.WrongType, $"{at} is {StrictJson.Describe(delta)}, not a {shape} array");
            return false;
        }

        Span<double> numbers = stackalloc double[3];
        var i = 0;
        foreach (var item in delta.EnumerateArray())
        {
            if (!TryNumber(item, at, ItemNames[i], out numbers[i]))
            {
                return false;
            }

            i++;
        }

        (first, second, third) = (numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Size 0 deletes whatever price it names (level deletes often carry price 0); a live level needs a real price.</summary>
    private bool IsValid(double price, double size, DeltaPosition at)
    {
        if (size < 0)
        {
            issues.Report(ReplayIssueKinds.NegativeSize, $"{at} size {size} is negative");
            return false;
        }

        if (size > 0 && price <= 1)
        {
            issues.Report(ReplayIssueKinds.InvalidPrice, $"{at} price {price} is not above 1");
            return false;
        }

        return true;
    }

    /// <summary>Where a delta sits, turned into text only when something is reported about it.</summary>
    private readonly record struct RunnerPosition(string MarketId, long SelectionId)
    {
        public override string ToString() => $"market {MarketId} runner {SelectionId}";
    }

    /// <summary>Where a delta sits, turned into text only when something is reported about it.</summary>
    private readonly record struct DeltaPosition(RunnerPosition Where, string Name, int Index)
    {
        public override string ToString() => $"{Where} {Name}[{Index}]";
    }
}
