using Backfill.Core.Pipelines;
using Backfill.Sports.Analytics;
using Backfill.Sports.Precompute;
using Backfill.Sports.Schema;

namespace Backfill.Sports;

/// <summary>The NBA pipeline: per game date, box-score analytics (phase 3), then rolling form and features (phase 4).</summary>
public static class NbaPipeline
{
    public const string Name = "nba";

    public static PipelineSpec Spec { get; } = new()
    {
        Name = Name,
        Description = "NBA player prop features: per-game player and team summaries from raw box scores, then last-10-game form and the feature store",
        Calendar = new CalendarSource(SportsTables.Games, "game_date", "season"),
        Phases =
        [
            new(NbaPhases.Analytics, "analytics", Ordered: false),
            new(NbaPhases.Precompute, "precompute", Ordered: true),
        ],
        Processors =
        [
            new PlayerGameSummaryProcessor(),
            new TeamOffenseGameSummaryProcessor(),
            new TeamDefenseGameSummaryProcessor(),
            new UpcomingPlayerGameContextProcessor(),
            // Ordered phase: each waits, date by date, for the one before it.
            new PlayerFormProcessor(),
            new TeamDefenseFormProcessor(),
            new FeatureStoreProcessor(),
        ],
        Gates = NbaGates.All,
        RawSources = [Dependency.OnTable(SportsTables.PlayerGameLogs), Dependency.OnTable(SportsTables.Games)],
    };
}
