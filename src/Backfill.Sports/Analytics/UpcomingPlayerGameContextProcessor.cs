using Backfill.Core.Pipelines;
using Backfill.Sports.Precompute;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Analytics;

/// <summary>Phase 3, live only: the date's player prop lines with each player's recent scoring.</summary>
public sealed class UpcomingPlayerGameContextProcessor : IPartitionProcessor
{
    private static readonly string LinesSql =
        $"SELECT player_id, game_id, game_date, points_line FROM {SportsTables.PlayerPropLines} WHERE game_date = @d ORDER BY game_id, player_id";

    private static readonly string HistorySql = RecentGames.HistorySql(SportsTables.PlayerGameSummary, "player_id", ["minutes_played", "points"],
        $"SELECT player_id FROM {SportsTables.PlayerPropLines} WHERE game_date = @d");

    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.UpcomingPlayerGameContext,
        Phase = NbaPhases.Analytics,
        Description = "Per upcoming player-game: the pre-game points line and the player's mean points over his previous 10 games",
        Table = SportsTables.UpcomingPlayerGameContext,
        DependsOn = [Dependency.OnTable(SportsTables.PlayerPropLines), Dependency.OnProcessor(SportsTables.PlayerGameSummary, 30)],
        NotHistorical = "needs pre-game betting lines (nba_player_prop_lines), which do not exist for past dates",
    };

    public IReadOnlyList<string> Columns => UpcomingPlayerGameContext.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var lines = await context.Reader.QueryAsync(LinesSql,
            r => new PropLine(Values.Long(r, 0), r.GetString(1), Values.Date(r, 2), Values.NullableDouble(r, 3)), ct, ("@d", context.Date));
        var history = await context.Reader.QueryAsync(HistorySql,
            r => (PlayerId: Values.Long(r, 0), Sample: new PlayerGameSample(Values.Date(r, 1), Values.NullableDouble(r, 2), Values.NullableLong(r, 3))),
            ct, ("@d", context.Date));
        var byPlayer = history.ToLookup(h => h.PlayerId, h => h.Sample);
        var rows = lines.Select(l => UpcomingPlayerGameContext.Row(l, byPlayer[l.PlayerId])).ToList();
        return new PartitionOutput(rows, lines.Count + history.Count);
    }
}
