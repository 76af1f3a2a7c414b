using Backfill.Core.Pipelines;
using static Backfill.Sports.Schema.SportsTables;

namespace Backfill.Sports;

/// <summary>
/// Checks after each processor. Thresholds follow the real data: a regular-season date has 1-15 games, so
/// 10-400 player rows and 2-40 team rows; MIN is always present in the logs, so NULL minutes mean a parser gap.
/// </summary>
public static class NbaGates
{
    public static IReadOnlyList<GateSpec> All { get; } =
    [
        new NullRateGate { Name = "pgs_minutes_null_rate", Scope = PlayerGameSummary, Table = PlayerGameSummary, Column = "minutes_played", ProceedMaxPct = 5, WarnMaxPct = 20 },
        Coverage("pgs_coverage", PlayerGameSummary),
        new VolumeGate { Name = "pgs_volume", Scope = PlayerGameSummary, Table = PlayerGameSummary, MinRowsPerDate = 10, MaxRowsPerDate = 400 },

        Coverage("team_offense_coverage", TeamOffenseGameSummary),
        new VolumeGate { Name = "team_offense_volume", Scope = TeamOffenseGameSummary, Table = TeamOffenseGameSummary, MinRowsPerDate = 2, MaxRowsPerDate = 40 },

        Coverage("team_defense_coverage", TeamDefenseGameSummary),

        Coverage("player_form_coverage", PlayerForm),
        new NullRateGate { Name = "player_form_points_null_rate", Scope = PlayerForm, Table = PlayerForm, Column = "avg_points_last10", ProceedMaxPct = 10, WarnMaxPct = 30 },
        new QualityBucketsGate { Name = "player_form_completeness", Scope = PlayerForm, Table = PlayerForm, Column = "completeness_pct", GoodAtLeast = 90, ProceedMinPct = 50, WarnMinPct = 25 },

        Coverage("feature_store_coverage", FeatureStore),
    ];

    /// <summary>The processor's own table must hold rows on at least 99% of expected dates to proceed, 90% to warn.</summary>
    private static CoverageGate Coverage(string name, string processor) =>
        new() { Name = name, Scope = processor, Table = processor, ProceedMinPct = 99, WarnMinPct = 90 };
}
