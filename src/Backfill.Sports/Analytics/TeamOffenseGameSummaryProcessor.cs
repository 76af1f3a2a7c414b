using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Analytics;

/// <summary>Phase 3: one row per team-game on the date, summed from the players' raw logs.</summary>
public sealed class TeamOffenseGameSummaryProcessor : IPartitionProcessor
{
    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.TeamOffenseGameSummary,
        Phase = NbaPhases.Analytics,
        Description = "Per team-game offense: points for and against, shooting, offensive rebounds, turnovers, possessions",
        Table = SportsTables.TeamOffenseGameSummary,
        DependsOn = [Dependency.OnTable(SportsTables.PlayerGameLogs), Dependency.OnTable(SportsTables.Games)],
    };

    public IReadOnlyList<string> Columns => TeamOffenseGameSummary.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var lines = await GameLogLine.ReadAsync(context.Reader, context.Date, ct);
        return new PartitionOutput(TeamOffenseGameSummary.Rows(TeamGameTotals.Aggregate(lines)), lines.Count);
    }
}
