using Backfill.Core.Pipelines;
using Backfill.Sports.Schema;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests;

/// <summary>The pack and pipeline declarations agree with each other and with the schema.</summary>
public sealed class PipelineSpecTests
{
    private static readonly PipelineSpec Nba = NbaPipeline.Spec;

    [Fact]
    public void The_pack_is_sports_with_the_nba_pipeline_and_no_row_jobs()
    {
        var pack = new SportsPack();

        Assert.Equal("sports", pack.Name);
        Assert.Empty(pack.Processors);
        Assert.Empty(pack.Jobs);
        Assert.Same(Nba, Assert.Single(((Backfill.Core.Packs.IDomainPack)pack).Pipelines));
        Assert.Equal(["sports-0001", "sports-0002", "sports-0003"], pack.Migrations.Select(m => m.Id));
    }

    [Fact]
    public void Phase_4_is_ordered_player_form_then_team_defense_form_then_feature_store()
    {
        Assert.Equal("nba", Nba.Name);
        Assert.Equal([(3, "analytics", false), (4, "precompute", true)], Nba.Phases.Select(p => (p.Number, p.Name, p.Ordered)));
        Assert.Equal(["player_form", "team_defense_form", "feature_store"], Nba.Processors.Where(p => p.Spec.Phase == 4).Select(p => p.Spec.Name));
        Assert.Equal(["player_game_summary", "team_offense_game_summary", "team_defense_game_summary", "upcoming_player_game_context"],
            Nba.Processors.Where(p => p.Spec.Phase == 3).Select(p => p.Spec.Name));
        Assert.Equal(new CalendarSource("nba_games", "game_date", "season"), Nba.Calendar);
    }

    [Fact]
    public void Only_phase_4_has_bootstrap_days_and_only_upcoming_context_is_not_historical()
    {
        Assert.All(Nba.Processors, p => Assert.Equal(p.Spec.Phase == 4 ? 7 : 0, p.Spec.BootstrapDays));
        Assert.Equal(["upcoming_player_game_context"], Nba.Processors.Where(p => !p.Spec.IsHistorical).Select(p => p.Spec.Name));
    }

    [Fact]
    public void Every_dependency_is_an_earlier_processor_or_a_raw_table()
    {
        var order = Nba.Processors.Select(p => p.Spec.Name).ToList();
        var rawTables = new[] { SportsTables.Games, SportsTables.PlayerGameLogs, SportsTables.PlayerPropLines };
        foreach (var p in Nba.Processors)
            foreach (var d in p.Spec.DependsOn)
            {
                if (d.Kind == DependencyKind.Table) Assert.Contains(d.Name, rawTables);
                else Assert.True(order.IndexOf(d.Name) is >= 0 and var i && i < order.IndexOf(p.Spec.Name), $"{p.Spec.Name} depends on {d.Name}");
            }
    }

    [Fact]
    public async Task Each_processor_writes_exactly_the_columns_of_its_table()
    {
        await using var db = await TempSqlite.CreateAsync();
        foreach (var p in Nba.Processors)
        {
            var columns = await db.Store.Dialect.ColumnTypesAsync(db.Store.Connection, p.Spec.Table, CancellationToken.None);
            Assert.Equal(p.Spec.Name, p.Spec.Table);
            Assert.Equal(columns.Keys.Order(), p.Columns.Order());
            Assert.Contains(p.Spec.DateColumn, p.Columns);
        }
    }

    [Fact]
    public async Task Every_gate_is_scoped_to_a_processor_and_checks_a_column_its_table_has()
    {
        await using var db = await TempSqlite.CreateAsync();
        var names = Nba.Processors.Select(p => p.Spec.Name).ToHashSet();
        Assert.Equal(Nba.Gates.Count, Nba.Gates.Select(g => g.Name).Distinct().Count());
        foreach (var gate in Nba.Gates)
        {
            Assert.Contains(gate.Scope, names);
            Assert.Matches("^[a-z0-9_]+$", gate.Name);
            var columns = await db.Store.Dialect.ColumnTypesAsync(db.Store.Connection, gate.Table, CancellationToken.None);
            Assert.Contains(gate.DateColumn, columns.Keys);
            var column = gate switch { NullRateGate n => n.Column, QualityBucketsGate q => q.Column, _ => null };
            if (column is not null) Assert.Contains(column, columns.Keys);
        }
        Assert.Equal(["player_game_summary", "team_offense_game_summary", "team_defense_game_summary", "player_form", "feature_store"],
            Nba.Gates.OfType<CoverageGate>().Select(g => g.Scope));
    }
}
