using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Precompute;

/// <summary>Phase 4: for every player-game on the date, the player's minutes and points over his previous 10 games.</summary>
public sealed class PlayerFormProcessor : IPartitionProcessor
{
    private const string Table = SportsTables.PlayerGameSummary;

    /// <summary>Only the history of the players who play on the date, at most a window per player.</summary>
    private static readonly string HistorySql = RecentGames.HistorySql(Table, "player_id", ["minutes_played", "points"],
        $"SELECT player_id FROM {Table} WHERE game_date = @d");

    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.PlayerForm,
        Phase = NbaPhases.Precompute,
        Description = "Per player-game form: mean minutes and points over the player's previous 10 games (across seasons), with window completeness",
        Table = SportsTables.PlayerForm,
        DependsOn = [Dependency.OnProcessor(SportsTables.PlayerGameSummary, 30)],
        BootstrapDays = 7,
    };

    public IReadOnlyList<string> Columns => PlayerForm.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var games = await GameOnDate.ReadAsync(context.Reader, Table, "player_id", context.Date, ct);
        var history = await context.Reader.QueryAsync(HistorySql,
            r => (PlayerId: Values.Long(r, 0), Sample: new PlayerGameSample(Values.Date(r, 1), Values.NullableDouble(r, 2), Values.NullableLong(r, 3))),
            ct, ("@d", context.Date));
        var byPlayer = history.ToLookup(h => h.PlayerId, h => h.Sample);
        var rows = games.Select(g => PlayerForm.Before(g.GameDate, byPlayer[g.Id]).Row(g.Id, g.GameId, g.GameDate)).ToList();
        return new PartitionOutput(rows, games.Count + history.Count);
    }
}
