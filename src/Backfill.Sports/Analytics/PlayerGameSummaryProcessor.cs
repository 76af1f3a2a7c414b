using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Analytics;

/// <summary>Phase 3: one row per player who played on the date, from the raw logs and the schedule.</summary>
public sealed class PlayerGameSummaryProcessor : IPartitionProcessor
{
    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.PlayerGameSummary,
        Phase = NbaPhases.Analytics,
        Description = "Per player-game box score: decimal minutes from the raw MIN text, opponent from the schedule, true shooting %",
        Table = SportsTables.PlayerGameSummary,
        DependsOn = [Dependency.OnTable(SportsTables.PlayerGameLogs), Dependency.OnTable(SportsTables.Games)],
    };

    public IReadOnlyList<string> Columns => PlayerGameSummary.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var lines = await GameLogLine.ReadAsync(context.Reader, context.Date, ct);
        return new PartitionOutput(lines.Select(PlayerGameSummary.Row).ToList(), lines.Count);
    }
}
