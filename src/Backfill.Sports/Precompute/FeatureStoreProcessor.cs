using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Precompute;

/// <summary>Phase 4, last: each player_form row of the date joined with the opponent's team_defense_form row for that game.</summary>
public sealed class FeatureStoreProcessor : IPartitionProcessor
{
    private static readonly string Sql = $"""
        SELECT f.player_id, f.game_id, f.game_date, s.team_id, s.opponent_team_id,
               f.avg_minutes_last10, f.avg_points_last10, f.completeness_pct,
               d.avg_points_allowed_last10, d.completeness_pct
        FROM {SportsTables.PlayerForm} f
        JOIN {SportsTables.PlayerGameSummary} s ON s.game_id = f.game_id AND s.player_id = f.player_id
        LEFT JOIN {SportsTables.TeamDefenseForm} d ON d.game_id = f.game_id AND d.team_id = s.opponent_team_id
        WHERE f.game_date = @d
        ORDER BY f.game_id, f.player_id
        """;

    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.FeatureStore,
        Phase = NbaPhases.Precompute,
        Description = "Per player-game model features: player form with the opponent's defensive form; completeness is the weaker of the two",
        Table = SportsTables.FeatureStore,
        DependsOn =
        [
            Dependency.OnProcessor(SportsTables.PlayerForm),
            Dependency.OnProcessor(SportsTables.TeamDefenseForm),
            Dependency.OnProcessor(SportsTables.PlayerGameSummary),
        ],
        BootstrapDays = 7,
    };

    public IReadOnlyList<string> Columns => FeatureStore.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var inputs = await context.Reader.QueryAsync(Sql, r => new FeatureInput(
            Values.Long(r, 0), r.GetString(1), Values.Date(r, 2), Values.Long(r, 3), Values.NullableLong(r, 4),
            Values.NullableDouble(r, 5), Values.NullableDouble(r, 6), Values.NullableDouble(r, 7) ?? 0,
            Values.NullableDouble(r, 8), Values.NullableDouble(r, 9)), ct, ("@d", context.Date));
        // Each row joined a player_form and a player_game_summary row, and an opponent form row when there was one.
        var read = 2L * inputs.Count + inputs.Count(i => i.OppCompletenessPct is not null);
        return new PartitionOutput(inputs.Select(FeatureStore.Row).ToList(), read);
    }
}
