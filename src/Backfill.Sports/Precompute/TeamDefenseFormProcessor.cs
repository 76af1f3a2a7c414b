using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Precompute;

/// <summary>Phase 4: for every team-game on the date, the points the team allowed over its previous 10 games.</summary>
public sealed class TeamDefenseFormProcessor : IPartitionProcessor
{
    private const string Table = SportsTables.TeamDefenseGameSummary;

    private static readonly string HistorySql = RecentGames.HistorySql(Table, "team_id", ["points_allowed"],
        $"SELECT team_id FROM {Table} WHERE game_date = @d");

    public PartitionProcessorSpec Spec { get; } = new()
    {
        Name = SportsTables.TeamDefenseForm,
        Phase = NbaPhases.Precompute,
        Description = "Per team-game defensive form: mean points allowed over the team's previous 10 games (across seasons), with window completeness",
        Table = SportsTables.TeamDefenseForm,
        DependsOn = [Dependency.OnProcessor(SportsTables.TeamDefenseGameSummary, 30)],
        BootstrapDays = 7,
    };

    public IReadOnlyList<string> Columns => TeamDefenseForm.Columns;

    public async Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct)
    {
        var games = await GameOnDate.ReadAsync(context.Reader, Table, "team_id", context.Date, ct);
        var history = await context.Reader.QueryAsync(HistorySql,
            r => (TeamId: Values.Long(r, 0), Sample: new TeamDefenseSample(Values.Date(r, 1), Values.NullableLong(r, 2))),
            ct, ("@d", context.Date));
        var byTeam = history.ToLookup(h => h.TeamId, h => h.Sample);
        var rows = games.Select(g => TeamDefenseForm.Before(g.GameDate, byTeam[g.Id]).Row(g.Id, g.GameId, g.GameDate)).ToList();
        return new PartitionOutput(rows, games.Count + history.Count);
    }
}
