using System.Diagnostics.CodeAnalysis;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>Home, away and draw of a football MATCH_ODDS market. Names are null where the recording has none.</summary>
/// <param name="Warning">Set when the "Home v Away" event name disagrees with the runner names.</param>
public sealed record MatchOddsRoles(
    long HomeSelectionId, long AwaySelectionId, long DrawSelectionId,
    string? HomeName, string? AwayName, string? DrawName, string? Warning);

/// <summary>
/// Assigns roles in a football MATCH_ODDS market from its stream definition: the draw is selection
/// 58805 ("The Draw"), home has sortPriority 1 and away sortPriority 2.
/// </summary>
public static class RoleAssignment
{
    public const long DrawSelectionId = 58805;

    /// <summary>False with a reason when the market is not a three-way market with the draw and both priorities.</summary>
    public static bool TryAssign(
        StreamMarketInfo market, [NotNullWhen(true)] out MatchOddsRoles? roles, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(market);
        roles = null;
        if (market.MarketType is { } type && type != "MATCH_ODDS")
        {
            reason = $"market {market.MarketId} is {type}, not MATCH_ODDS";
            return false;
        }

        if (market.Runners.Count != 3)
        {
            reason = $"market {market.MarketId} has {market.Runners.Count} runners, not 3";
            return false;
        }

        var draws = market.Runners.Where(r => r.SelectionId == DrawSelectionId).ToList();
        var homes = market.Runners.Where(r => r.SortPriority == 1 && r.SelectionId != DrawSelectionId).ToList();
        var aways = market.Runners.Where(r => r.SortPriority == 2 && r.SelectionId != DrawSelectionId).ToList();
        if (draws.Count != 1 || homes.Count != 1 || aways.Count != 1)
        {
            reason = $"market {market.MarketId} needs exactly one draw (selection {DrawSelectionId}), one runner at sortPriority 1 "
                + $"and one at 2; it has {draws.Count}, {homes.Count} and {aways.Count}";
            return false;
        }

        var (home, away, draw) = (homes[0], aways[0], draws[0]);
        roles = new MatchOddsRoles(
            home.SelectionId, away.SelectionId, draw.SelectionId, home.Name, away.Name, draw.Name,
            NameWarning(market, home.Name, away.Name));
        reason = null;
        return true;
    }

    /// <summary>Compares "Home v Away" with the runner names, ignoring case and surrounding spaces.</summary>
    private static string? NameWarning(StreamMarketInfo market, string? homeName, string? awayName)
    {
        if (market.EventName is not { } eventName || homeName is null || awayName is null)
        {
            return null;
        }

        var parts = eventName.Split(" v ", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        bool Same(string a, string b) => string.Equals(a, b.Trim(), StringComparison.OrdinalIgnoreCase);
        if (Same(parts[0], homeName) && Same(parts[1], awayName))
        {
            return null;
        }

        var swapped = Same(parts[0], awayName) && Same(parts[1], homeName) ? " (home and away look swapped)" : "";
        return $"market {market.MarketId}: event name \"{eventName}\" disagrees with runner names home \"{homeName}\" "
            + $"(sortPriority 1), away \"{awayName}\" (sortPriority 2){swapped}";
    }
}
