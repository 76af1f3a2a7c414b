using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Analytics;

/// <summary>Phase 3: one row per team-game on the date, from the opponent's raw logs.</summary>
public sealed class TeamDefenseGameSummaryProcessor : IPartitionProcessor
{
    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.TeamDefenseGameSummary,
        Phase = NbaPhases.Analytics,
        Description = "Per team-game defense: the opponent's points, shooting, offensive rebounds, turnovers and possessions",
        Table = SportsTables.TeamDefenseGameSummary,
        DependsOn = [Dependency.OnTable(SportsTables.PlayerGameLogs), Dependency.OnTable(SportsTables.Games)],
    };

    public IReadOnlyList<string> Columns => TeamDefenseGameSummary.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var lines = await GameLogLine.ReadAsync(context.Reader, context.Date, ct);
        return new PartitionOutput(TeamDefenseGameSummary.Rows(TeamGameTotals.Aggregate(lines)), lines.Count);
    }
}
