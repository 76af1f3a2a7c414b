using System.Globalization;
using Backfill.Cli.Commands;
using Backfill.Cli.Output;
using Backfill.Core.Pipelines;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.Sports;
using Backfill.Sports.Analytics;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Demo;

/// <summary>
/// The two NBA runbooks on four real seasons: seed 004 (minutes_played NULL on ~99.5% of history: plan, one-week
/// sample with gates, full run, validation, the "current state" block) and seed 003 (the whole pipeline season by
/// season, phase 3 in parallel, phase 4 in order, gates between phases, a failure, its summary and retry, and the
/// expected-outcomes table checked).
/// </summary>
public sealed class NbaDemoRunbook(SqlStore store, PipelineCatalog pipelines, TimeProvider clock, TextWriter output)
{
    private static readonly (DateOnly From, DateOnly To) SampleWeek = (new(2022, 1, 10), new(2022, 1, 17));
    private static readonly DateOnly CorruptDate = new(2022, 4, 8);
    private readonly List<(string Check, bool Passed, string Detail)> _checks = [];
    private PipelineSpec Nba => pipelines.Get(NbaPipeline.Name);

    public async Task<bool> RunAsync(string dataFolder, CancellationToken ct)
    {
        await store.MigrateAsync(CliContext.AllMigrations, ct);
        output.WriteLine($"# Backfill NBA demo on {store.Describe()}");
        output.WriteLine();
        // A previous demo may have left its corrupted raw row: dropping that date's logs lets the import restore them from the file.
        await store.ExecuteAsync($"DELETE FROM {SportsTables.PlayerGameLogs} WHERE game_date = @d", ct, ("@d", CorruptDate));
        var import = await NbaImporter.ImportAsync(store, dataFolder, ct);
        output.Write(ImportCommand.Render(import));
        foreach (var p in Nba.Processors) await store.ExecuteAsync($"DELETE FROM {p.Spec.Table}", ct);
        var calendar = await new Planner(store, clock).LoadCalendarAsync(Nba.Calendar, ct);
        if (calendar.Seasons.Count == 0) throw new InvalidOperationException($"No games were imported from {dataFolder}.");
        var (from, to) = (calendar.Seasons[0].Start, calendar.Seasons[^1].End);
        output.WriteLine($"Schedule: {calendar.Seasons.Count} seasons ({string.Join(", ", calendar.Seasons.Select(s => $"{s.Label}: {s.Start:yyyy-MM-dd}..{s.End:yyyy-MM-dd}"))}), {N(calendar.Dates.Count())} game dates.");
        output.WriteLine();

        await Seed004Async(from, to, ct);
        await Seed003Async(from, to, calendar, ct);

        output.WriteLine("## Checks");
        output.WriteLine();
        var sb = new System.Text.StringBuilder();
        Table(sb, ["Check", "Result", "Detail"], _checks.Select(c => (IReadOnlyList<string>)[c.Check, c.Passed ? "PASS" : "FAIL", c.Detail]));
        output.Write(sb.ToString());
        var passed = _checks.All(c => c.Passed);
        output.WriteLine(passed ? "All checks passed." : "Some checks FAILED.");
        return passed;
    }

    private async Task Seed004Async(DateOnly from, DateOnly to, CancellationToken ct)
    {
        output.WriteLine("## Seed 004 — player_game_summary.minutes_played NULL on ~99.5% of history");
        output.WriteLine();
        var kept = await LegacyLoadAsync(from, to, ct);
        output.WriteLine($"Starting state: a legacy loader wrote every player-game but filled minutes only on {kept:yyyy-MM-dd} (the processor never ran for history).");
        output.WriteLine();
        var before = await MinutesStateAsync(from, to, ct);
        output.Write(CurrentState(from, to, before, improved: false));

        output.WriteLine("### 1. Pre-flight: raw data quality and the plan");
        output.WriteLine();
        var plan = await new PipelineRunner(store, pipelines, clock).PlanAsync(Request([SportsTables.PlayerGameSummary], from, to), ct);
        var raw = await new GateEvaluator(store, plan).EvaluateAsync(new NullRateGate
        {
            Name = "raw_minutes_null_rate", Scope = "raw", Table = SportsTables.PlayerGameLogs, Column = "min", ProceedMaxPct = 1, WarnMaxPct = 5,
        }, from, to, false, ct);
        output.WriteLine($"Raw minutes (nba_player_game_logs.min): {raw.Verdict.ToString().ToUpperInvariant()} — {raw.Detail}");
        output.WriteLine();
        output.Write(PlanPrinter.Render(plan));
        Check("seed 004: raw data quality gate", raw.Verdict != Verdict.Stop, raw.Detail);
        Check("seed 004: plan feasible", plan.Feasible, string.Join("; ", plan.Problems));
        output.WriteLine();

        output.WriteLine($"### 2-3. Sample week {SampleWeek.From:yyyy-MM-dd}..{SampleWeek.To:yyyy-MM-dd} with gates, then the full range (checkpointed day by day)");
        output.WriteLine();
        var request = Request([SportsTables.PlayerGameSummary], from, to) with { SampleStart = SampleWeek.From, SampleEnd = SampleWeek.To, ProgressEvery = 100 };
        var summary = await new PipelineRunner(store, pipelines, clock).RunAsync(request, new PipelineObserver(output), ct);
        output.WriteLine();
        output.Write(PipelinePrinter.Render(summary));
        Check("seed 004: sample gates passed before the full range", summary.Gates.Any(g => g.Sample) && summary.Gates.Where(g => g.Sample).All(g => g.Verdict != Verdict.Stop),
            string.Join("; ", summary.Gates.Where(g => g.Sample).Select(g => $"{g.Gate} {g.Verdict}")));
        Check("seed 004: run completed", summary.Run.State == RunStates.Completed, summary.Run.Message ?? summary.Run.State);

        output.WriteLine("### 4. Validation");
        output.WriteLine();
        var after = await MinutesStateAsync(from, to, ct);
        output.Write(CurrentState(from, to, after, improved: true));
        Check("seed 004: NULL rate within the PROCEED threshold (<= 5%)", after.NullPct <= 5, F($"{before.NullPct:0.00}% -> {after.NullPct:0.00}%"));
        Check("seed 004: volume equals the raw player-games", after.Total == after.RawRows, F($"{after.Total:N0} rows, raw {after.RawRows:N0}"));
        Check("seed 004: coverage vs raw = 100% of dates", after.DatesMatchingRaw == after.ScheduledDates, F($"{after.DatesMatchingRaw:N0} of {after.ScheduledDates:N0} dates hold every raw player-game"));
    }

    private async Task Seed003Async(DateOnly from, DateOnly to, PartitionCalendar calendar, CancellationToken ct)
    {
        output.WriteLine("## Seed 003 — four seasons, Phase 3 in parallel, Phase 4 in order, gates between phases");
        output.WriteLine();
        var (playerId, gameId, realTeam, wrongTeam) = await CorruptOneLogAsync(ct);
        output.WriteLine($"Injected fault: on {CorruptDate:yyyy-MM-dd} player {playerId}'s log of game {gameId} names team {wrongTeam} (an ingestion bug), instead of {realTeam}.");
        output.WriteLine();

        var runner = new PipelineRunner(store, pipelines, clock);
        var request = Request([], from, to) with { ProgressEvery = 250 };
        output.WriteLine("### Plan");
        output.WriteLine();
        output.Write(PlanPrinter.Render(await runner.PlanAsync(request, ct)));
        output.WriteLine();
        output.WriteLine("### Run");
        output.WriteLine();
        var first = await runner.RunAsync(request, new PipelineObserver(output), ct);
        output.WriteLine();
        output.WriteLine("### Failure summary");
        output.WriteLine();
        output.Write(PipelinePrinter.Render(first));
        Check("seed 003: the fault fails exactly the team slots of that date",
            first.Failures.Select(f => f.Key).ToHashSet().SetEquals([new(SportsTables.TeamOffenseGameSummary, CorruptDate), new(SportsTables.TeamDefenseGameSummary, CorruptDate)]),
            string.Join(", ", first.Failures.Select(f => f.Key)));
        var blocked = first.Slots.Count(s => s.Reason?.StartsWith(SkipReasons.UpstreamFailed, StringComparison.Ordinal) == true);
        Check("seed 003: dependents of the failed slots are blocked, not run", blocked > 0, $"{blocked} slots skipped as upstream_failed");

        output.WriteLine($"### Fix the raw row, then 'backfill retry {first.Run.RunId} --failed' and '--blocked'");
        output.WriteLine();
        await store.ExecuteAsync($"UPDATE {SportsTables.PlayerGameLogs} SET team_id = @t WHERE game_id = @g AND player_id = @p", ct, ("@t", realTeam), ("@g", gameId), ("@p", playerId));
        var retried = await runner.RetryAsync(first.Run.RunId, failed: true, blocked: false, new PipelineObserver(output), ct);
        Check("seed 003: retry --failed reran only the failed slots", retried.Slots.Count(s => s.Attempts == 2) == first.Failures.Count && retried.Failures.Count == 0,
            $"{retried.Slots.Count(s => s.Attempts == 2)} slots on their 2nd attempt");
        var final = await runner.RetryAsync(first.Run.RunId, failed: false, blocked: true, new PipelineObserver(output), ct);
        output.WriteLine();
        output.Write(PipelinePrinter.Render(final));
        Check("seed 003: run completed after retry", final.Run.State == RunStates.Completed, final.Run.Message ?? final.Run.State);

        output.WriteLine("### Expected outcomes");
        output.WriteLine();
        var scheduled = calendar.Between(from, to).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in Nba.Processors)
        {
            var expected = !p.Spec.IsHistorical ? 0 : scheduled.Count(d => !calendar.SeasonOf(d).IsBootstrap(d, p.Spec.BootstrapDays));
            var actual = (await store.DatesWithRowsAsync(p.Spec.Table, p.Spec.DateColumn, from, to, ct)).Count;
            var note = !p.Spec.IsHistorical ? "not historical: left out" : p.Spec.BootstrapDays > 0 ? $"game dates minus the first {p.Spec.BootstrapDays} days of each season" : "all game dates";
            rows.Add([$"Phase {p.Spec.Phase}", p.Spec.Table, N(expected), N(actual), note, expected == actual ? "yes" : "NO"]);
            Check($"seed 003: {p.Spec.Table} dates as expected", expected == actual, $"{actual} of {expected}");
        }
        var sb = new System.Text.StringBuilder();
        Table(sb, ["Phase", "Table", "Expected dates", "Actual dates", "Notes", "Match"], rows);
        output.Write(sb.ToString());
    }

    private PipelineRequest Request(IReadOnlyList<string> processors, DateOnly from, DateOnly to) =>
        new() { Pipeline = NbaPipeline.Name, Processors = processors, StartDate = from, EndDate = to, Parallel = 2 };

    // What seed 004 started from: every player-game present, minutes filled only on the latest date.
    private async Task<DateOnly> LegacyLoadAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var calendar = await new Planner(store, clock).LoadCalendarAsync(Nba.Calendar, ct);
        var processor = new PlayerGameSummaryProcessor();
        var minutes = PlayerGameSummary.Columns.ToList().IndexOf("minutes_played");
        var last = calendar.Between(from, to).Max();
        foreach (var date in calendar.Between(from, to))
        {
            var output = await processor.ComputeAsync(new PartitionContext(date, calendar.SeasonOf(date), new SqlPartitionReader(store)), ct);
            if (date != last) foreach (var row in output.Rows) row[minutes] = null;
            await store.ReplacePartitionAsync(processor.Spec.Table, processor.Spec.DateColumn, date, processor.Columns, output.Rows, _ => Task.CompletedTask, ct);
        }
        return last;
    }

    private sealed record MinutesState(long Total, long Nulls, long RawRows, int ScheduledDates, int DatesMatchingRaw)
    {
        public double NullPct => Total == 0 ? 0 : 100.0 * Nulls / Total;
    }

    private async Task<MinutesState> MinutesStateAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var reader = new SqlPartitionReader(store);
        var perDate = await reader.QueryAsync($"SELECT game_date, COUNT(*), SUM(CASE WHEN minutes_played IS NULL THEN 1 ELSE 0 END) FROM {SportsTables.PlayerGameSummary} "
            + "WHERE game_date >= @a AND game_date <= @b GROUP BY game_date", r => (Date: Values.Date(r, 0), Rows: Values.Long(r, 1), Nulls: Values.Long(r, 2)), ct, ("@a", from), ("@b", to));
        var raw = (await reader.QueryAsync($"SELECT game_date, COUNT(*) FROM {SportsTables.PlayerGameLogs} WHERE game_date >= @a AND game_date <= @b GROUP BY game_date",
            r => (Date: Values.Date(r, 0), Rows: Values.Long(r, 1)), ct, ("@a", from), ("@b", to))).ToDictionary(x => x.Date, x => x.Rows);
        var mine = perDate.ToDictionary(x => x.Date, x => x.Rows);
        return new MinutesState(perDate.Sum(x => x.Rows), perDate.Sum(x => x.Nulls), raw.Values.Sum(), raw.Count,
            raw.Count(kv => mine.GetValueOrDefault(kv.Key) == kv.Value));
    }

    private static string CurrentState(DateOnly from, DateOnly to, MinutesState s, bool improved) => F($"""
        ```
        Period: {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (historical data)

        Current NULL Rate: {s.NullPct:0.00}%
        Target NULL Rate: <= 5% (PROCEED), <= 20% (WARN)
        Status: {(improved ? (s.NullPct <= 5 ? "IMPROVED (backfill complete)" : "NOT IMPROVED") : "NOT IMPROVED (backfill not run)")}

        Total Records: {s.Total:N0}
        Records with NULL: {s.Nulls:N0}
        Records with Data: {s.Total - s.Nulls:N0} ({(s.Total == 0 ? 0 : 100.0 * (s.Total - s.Nulls) / s.Total):0.00}%)
        Coverage vs raw: {s.DatesMatchingRaw:N0} of {s.ScheduledDates:N0} dates hold every raw player-game ({s.RawRows:N0} raw rows)
        ```

        """);

    private async Task<(long Player, string Game, long RealTeam, long WrongTeam)> CorruptOneLogAsync(CancellationToken ct)
    {
        var reader = new SqlPartitionReader(store);
        var log = (await reader.QueryAsync($"SELECT l.player_id, l.game_id, l.team_id, g.home_team_id, g.away_team_id FROM {SportsTables.PlayerGameLogs} l "
            + $"JOIN {SportsTables.Games} g ON g.game_id = l.game_id WHERE l.game_date = @d ORDER BY l.game_id, l.player_id",
            r => (Values.Long(r, 0), r.GetString(1), Values.Long(r, 2), Values.Long(r, 3), Values.Long(r, 4)), ct, ("@d", CorruptDate))).First();
        var wrong = (await reader.QueryAsync($"SELECT DISTINCT home_team_id FROM {SportsTables.Games} WHERE home_team_id <> @h AND home_team_id <> @a ORDER BY home_team_id",
            r => Values.Long(r, 0), ct, ("@h", log.Item4), ("@a", log.Item5))).First();
        await store.ExecuteAsync($"UPDATE {SportsTables.PlayerGameLogs} SET team_id = @t WHERE game_id = @g AND player_id = @p", ct, ("@t", wrong), ("@g", log.Item2), ("@p", log.Item1));
        return (log.Item1, log.Item2, log.Item3, wrong);
    }

    private void Check(string check, bool passed, string detail) => _checks.Add((check, passed, detail));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
