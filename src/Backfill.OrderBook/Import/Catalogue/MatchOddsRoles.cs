namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>
/// Assigns home, away and draw in a football MATCH_ODDS market of three runners: the draw is
/// selection 58805 ("The Draw"), home is sortPriority 1 and away sortPriority 2. Roles come from
/// these rules alone; the event name "Home v Away" is only checked against them, and a
/// disagreement is a warning (the roles stay). A market the rules cannot cast gets no roles and a
/// warning. Markets of other types get their metadata without roles and no warning.
/// </summary>
public static class MatchOddsRoles
{
    public const string MatchOdds = "MATCH_ODDS";
    public const long DrawSelectionId = 58805;
    public const string DrawRunnerName = "The Draw";

    public static MarketMetadata Assign(CatalogueMarket market, out RoleWarning? warning)
    {
        ArgumentNullException.ThrowIfNull(market);
        warning = null;
        var withoutRoles = new MarketMetadata(market.MarketId, market.EventName, market.CompetitionName, market.MarketStartTimeUtc,
            null, null, null, null, null, null);
        if (market.MarketType != MatchOdds)
        {
            return withoutRoles;
        }

        if (!TryCast(market.Runners, out var home, out var away, out var draw, out var reason))
        {
            warning = new RoleWarning(market.MarketId, $"no roles assigned: {reason}");
            return withoutRoles;
        }

        var problems = new List<string>();
        if (draw.RunnerName is { } drawName && !TeamNames.AreSame(drawName, DrawRunnerName))
        {
            problems.Add($"selection {DrawSelectionId} is named \"{drawName}\", not \"{DrawRunnerName}\"");
        }

        if (CheckEventName(market.EventName, home, away) is { } mismatch)
        {
            problems.Add(mismatch);
        }

        if (problems.Count > 0)
        {
            warning = new RoleWarning(market.MarketId, string.Join("; ", problems));
        }

        return withoutRoles with
        {
            HomeSelectionId = home.SelectionId,
            AwaySelectionId = away.SelectionId,
            DrawSelectionId = draw.SelectionId,
            HomeRunnerName = home.RunnerName,
            AwayRunnerName = away.RunnerName,
            DrawRunnerName = draw.RunnerName,
        };
    }

    private static bool TryCast(
        IReadOnlyList<CatalogueRunner> runners, out CatalogueRunner home, out CatalogueRunner away, out CatalogueRunner draw, out string reason)
    {
        home = away = draw = null!;
        reason = "";
        if (runners.Count != 3)
        {
            reason = $"MATCH_ODDS with {runners.Count} runners, roles need three (home, away, draw)";
            return false;
        }

        var draws = runners.Where(r => r.SelectionId == DrawSelectionId).ToList();
        if (draws.Count != 1)
        {
            reason = $"no single runner is the draw (selection {DrawSelectionId})";
            return false;
        }

        draw = draws[0];
        var teams = runners.Where(r => r.SelectionId != DrawSelectionId).ToList();
        var homes = teams.Where(r => r.SortPriority == 1).ToList();
        var aways = teams.Where(r => r.SortPriority == 2).ToList();
        if (homes.Count != 1 || aways.Count != 1)
        {
            var priorities = string.Join(", ", teams.Select(r => $"{r.SelectionId}: {r.SortPriority?.ToString() ?? "none"}"));
            reason = $"the two teams must have sortPriority 1 (home) and 2 (away), found {priorities}";
            return false;
        }

        home = homes[0];
        away = aways[0];
        return true;
    }

    /// <summary>Null when the names agree, or when there is nothing to compare.</summary>
    private static string? CheckEventName(string? eventName, CatalogueRunner home, CatalogueRunner away)
    {
        if (home.RunnerName is null || away.RunnerName is null || !TeamNames.TrySplitEvent(eventName, out var eventHome, out var eventAway))
        {
            return null;
        }

        if (TeamNames.AreSame(eventHome, home.RunnerName) && TeamNames.AreSame(eventAway, away.RunnerName))
        {
            return null;
        }

        var runnersText = $"home (sortPriority 1) \"{home.RunnerName}\", away (sortPriority 2) \"{away.RunnerName}\"";
        return TeamNames.AreSame(eventHome, away.RunnerName) && TeamNames.AreSame(eventAway, home.RunnerName)
            ? $"event \"{eventName}\" names the teams the other way round from the runners: {runnersText}"
            : $"event \"{eventName}\" does not match the runners: {runnersText}";
    }
}
