using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Backfill.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.Pipelines;

/// <summary>
/// The partitioned NBA pipeline end to end through the real CLI on four real seasons (../shared/data/nba): a full
/// run, SIGKILL and resume, a plan that cannot succeed, a failed slot and its retry, many failures with blocked
/// dependents, and the NBA demo. One suite, run once per store.
/// </summary>
public abstract class NbaPipelineSuite(ITestOutputHelper output)
{
    // The four seasons of the data: 629 game dates from 2020-12-22 to 2024-04-14.
    private const string From = "2020-12-01";
    private const string To = "2024-05-01";
    private const int ScheduledDates = 629;
    private const int BootstrapDates = 27; // the first 7 days of each of the 4 seasons (6 in 2020-21)
    private const int DatesAfterBootstrap = ScheduledDates - BootstrapDates;
    private const int PlayerGames = 101_389;
    private const int SlotsToRun = 3 * ScheduledDates + 3 * DatesAfterBootstrap; // 3,693 (+ 81 bootstrap skips)

    private static readonly string[] FourSeasons = ["--start-date", From, "--end-date", To];
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Thresholds of successful slots after which the run is killed; a later attempt kills earlier.</summary>
    private static readonly int[] KillAfterSuccessfulSlots = [300, 100, 20];

    /// <summary>A new, empty database; returns its '--db' argument.</summary>
    protected abstract Task<string> NewDatabaseAsync(string purpose);

    /// <summary>A new database holding exactly what <paramref name="source"/> holds (no process has it open).</summary>
    protected abstract Task<string> CopyDatabaseAsync(string source, string purpose);

    [Fact]
    public async Task Four_seasons_of_the_nba_pipeline_run_from_the_cli()
    {
        var db = await ImportedDatabaseAsync("four_seasons");

        var clock = Stopwatch.StartNew();
        var run = (await BackfillCli.RunAsync(["run", "nba", .. FourSeasons, "--parallel", "2", "--db", db], RunTimeout)).ShouldExitWith(0);
        output.WriteLine($"wall time of 'backfill run nba --start-date {From} --end-date {To} --parallel 2': {clock.Elapsed.TotalSeconds:0.0} s");

        var ledger = Assert.Single(await LedgerRun.AllAsync(db));
        Assert.Equal(("nba", "completed"), (ledger.Job, ledger.State));
        Assert.Contains($"Run {ledger.RunId} of nba: completed", run.Stdout, StringComparison.Ordinal);

        Assert.Equal(ScheduledDates, await TestDatabase.CountAsync(db, $"SELECT COUNT(DISTINCT game_date) FROM nba_games WHERE game_date >= '{From}' AND game_date <= '{To}'"));
        foreach (var table in NbaOutputTables.Phase3)
        {
            Assert.True(ScheduledDates == await NbaOutputTables.ScheduledDatesWithRowsAsync(db, table, From, To), $"{table} should have rows on all {ScheduledDates} scheduled dates");
            Assert.True(0 == await NbaOutputTables.UnscheduledDatesWithRowsAsync(db, table, From, To), $"{table} has rows on dates that are not scheduled");
        }

        var bootstrap = (await SlotRow.OfRunAsync(db, ledger.RunId)).Where(s => s.IsBootstrap).ToList();
        foreach (var table in NbaOutputTables.Phase4)
        {
            Assert.True(DatesAfterBootstrap == await NbaOutputTables.ScheduledDatesWithRowsAsync(db, table, From, To), $"{table} should have rows on {DatesAfterBootstrap} dates (all but bootstrap)");
            Assert.True(0 == await NbaOutputTables.UnscheduledDatesWithRowsAsync(db, table, From, To), $"{table} has rows on dates that are not scheduled");
            var skipped = bootstrap.Where(s => s.Processor == table).Select(s => $"'{s.Date}'").ToList();
            Assert.Equal(BootstrapDates, skipped.Count);
            Assert.True(0 == await TestDatabase.CountAsync(db, $"SELECT COUNT(*) FROM {table} WHERE game_date IN ({string.Join(", ", skipped)})"),
                $"{table} has rows on bootstrap dates, which the run skipped");
        }

        Assert.Equal(PlayerGames, await TestDatabase.CountAsync(db, "SELECT COUNT(*) FROM player_game_summary"));
        Assert.Equal(0, await TestDatabase.CountAsync(db, "SELECT COUNT(*) FROM player_game_summary WHERE minutes_played IS NULL"));
        Assert.Equal(0, await TestDatabase.CountAsync(db, $"SELECT COUNT(*) FROM {NbaOutputTables.NotHistorical}"));

        var status = (await BackfillCli.RunAsync("status", ledger.RunId.ToString(CultureInfo.InvariantCulture), "--db", db)).ShouldExitWith(0);
        Assert.Contains($"Run {ledger.RunId} of nba: completed", status.Stdout, StringComparison.Ordinal);
        foreach (var table in NbaOutputTables.Phase3)
        {
            AssertStatusRow(status, 3, table, success: ScheduledDates, skipped: 0);
        }

        foreach (var table in NbaOutputTables.Phase4)
        {
            AssertStatusRow(status, 4, table, success: DatesAfterBootstrap, skipped: BootstrapDates);
        }
    }

    [Fact]
    public async Task Killed_partitioned_run_resumes_and_ends_identical_to_an_uninterrupted_one()
    {
        var clock = Stopwatch.StartNew();
        var imported = await ImportedDatabaseAsync("imported");
        var (db, runId, atKill) = await KillMidRunAsync(imported);
        var runningAtKill = atKill.Where(s => s.Status == "running").Select(s => s.Key).ToHashSet();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed run {runId} with {atKill.Count(s => s.Status == "success"):N0} slots success, "
            + $"{runningAtKill.Count} running ({string.Join(", ", runningAtKill)}), {atKill.Count(s => s.Status == "planned"):N0} planned");

        // What the dead process left: the run still 'running', some slots done, some not, at most --parallel of them mid-way.
        var left = Assert.Single(await LedgerRun.AllAsync(db));
        Assert.Equal((runId, "running"), (left.RunId, left.State));
        Assert.Contains(atKill, s => s.Status == "success");
        Assert.Contains(atKill, s => s.Status is "planned" or "running");
        Assert.DoesNotContain(atKill, s => s.Status == "failed");
        Assert.True(runningAtKill.Count <= 2, $"{runningAtKill.Count} slots were running at once with --parallel 2: {string.Join(", ", runningAtKill)}");
        Assert.All(atKill.Where(s => s.Status == "running"), s => Assert.Equal(1, s.Attempts));

        var resumed = (await BackfillCli.RunAsync(["run", "nba", "--resume", "--db", db], RunTimeout)).ShouldExitWith(0);
        Assert.Contains($"Run {runId} of nba: completed", resumed.Stdout, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: resumed to completion");

        var reference = await CopyDatabaseAsync(imported, "uninterrupted");
        (await BackfillCli.RunAsync(["run", "nba", .. FourSeasons, "--parallel", "2", "--db", reference], RunTimeout)).ShouldExitWith(0);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: uninterrupted run done");

        await using (var expectedStore = await TestDatabase.OpenAsync(reference))
        await using (var actualStore = await TestDatabase.OpenAsync(db))
        {
            foreach (var (table, key) in NbaOutputTables.WithKeys)
            {
                var expected = await NbaOutputTables.DumpAsync(expectedStore, table, key);
                Assert.True(expected.Rows.Count > 0, $"the uninterrupted run wrote no {table} row, so the comparison proves nothing");
                NbaOutputTables.AssertSame(expected, await NbaOutputTables.DumpAsync(actualStore, table, key), "after SIGKILL + resume, compared with an uninterrupted run");
            }
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: six output tables compared row for row");

        // The ledger: --resume continued the killed run (no second run), and every slot ran exactly once more than it had.
        var run = Assert.Single(await LedgerRun.AllAsync(db));
        Assert.Equal((runId, "completed"), (run.RunId, run.State));
        var slots = await SlotRow.OfRunAsync(db, runId);
        Assert.DoesNotContain(slots, s => s.Status is "planned" or "running" or "failed");
        Assert.Equal(SlotsToRun, slots.Count(s => s.Status == "success"));
        Assert.Equal(3 * BootstrapDates, slots.Count(s => s.IsBootstrap));
        Assert.All(slots.Where(s => s.IsBootstrap), s => Assert.Equal(0, s.Attempts));
        Assert.All(slots.Where(s => s.Status == "success"), s => Assert.True(s.Attempts == (runningAtKill.Contains(s.Key) ? 2 : 1),
            $"{s}: expected {(runningAtKill.Contains(s.Key) ? "2 attempts (it was running when the process was killed)" : "1 attempt")}"));

        var referenceRun = Assert.Single(await LedgerRun.AllAsync(reference));
        var referenceSlots = (await SlotRow.OfRunAsync(reference, referenceRun.RunId)).ToDictionary(s => s.Key);
        Assert.Equal(referenceSlots.Keys.Order(), slots.Select(s => s.Key).Order());
        Assert.All(slots, s => Assert.Equal((referenceSlots[s.Key].Status, referenceSlots[s.Key].Reason, referenceSlots[s.Key].RowsWritten), (s.Status, s.Reason, s.RowsWritten)));
        Assert.Equal(referenceRun.Written, run.Written);

        // Gates: each evaluated once per season and phase, with the verdicts of the uninterrupted run.
        Assert.Equal(await GateVerdictsAsync(reference, referenceRun.RunId), await GateVerdictsAsync(db, runId));
    }

    [Fact]
    public async Task Plan_exits_non_zero_when_phase_4_is_requested_over_a_range_whose_inputs_are_missing()
    {
        var db = await ImportedDatabaseAsync("no_phase_3");
        string[] season = ["--start-date", "2022-10-18", "--end-date", "2023-04-09"];

        var plan = (await BackfillCli.RunAsync(["plan", "player_form", "feature_store", .. season, "--db", db])).ShouldExitWith(1);
        Assert.Contains("CANNOT SUCCEED", plan.Stdout, StringComparison.Ordinal);
        var why = plan.Stdout[plan.Stdout.IndexOf("CANNOT SUCCEED", StringComparison.Ordinal)..];
        Assert.Contains("player_form: 157 of 157 slots would fail", why, StringComparison.Ordinal);
        Assert.Contains("player_game_summary", why, StringComparison.Ordinal);
        Assert.DoesNotContain("OK: the plan can run.", plan.Stdout, StringComparison.Ordinal);

        var run = (await BackfillCli.RunAsync(["run", "player_form", "feature_store", .. season, "--db", db])).ShouldExitWith(1);
        Assert.Contains("CANNOT SUCCEED", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cannot succeed, so nothing was run", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(await LedgerRun.AllAsync(db));
        Assert.Equal(0, await TestDatabase.CountAsync(db, "SELECT COUNT(*) FROM backfill_slots"));
        Assert.Equal(0, await TestDatabase.CountAsync(db, "SELECT COUNT(*) FROM player_form"));

        var whole = (await BackfillCli.RunAsync(["plan", "nba", .. season, "--db", db])).ShouldExitWith(0);
        Assert.Contains("OK: the plan can run.", whole.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("CANNOT SUCCEED", whole.Stdout, StringComparison.Ordinal);
        Assert.Contains("164 scheduled dates", whole.Stdout, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^Left out of this plan:\s*\r?\n- upcoming_player_game_context: not historical", RegexOptions.Multiline), whole.Stdout);
        // Columns: Processor | Slots | To run | Skip: bootstrap | Would fail | Depends on.
        foreach (var table in NbaOutputTables.Phase3)
        {
            Assert.Matches(new Regex($@"^\| {table} \| 164 \| 164 \| 0 \| 0 \|", RegexOptions.Multiline), whole.Stdout);
        }

        foreach (var table in NbaOutputTables.Phase4)
        {
            Assert.Matches(new Regex($@"^\| {table} \| 164 \| 157 \| 7 \| 0 \|", RegexOptions.Multiline), whole.Stdout);
        }

        Assert.Empty(await LedgerRun.AllAsync(db)); // a plan writes nothing
    }

    [Fact]
    public async Task Retry_failed_reruns_only_the_failed_slots()
    {
        // A whole season: phase 4 reads the 30 days of phase 3 before each date, so on a freshly imported database a range
        // starting later cannot succeed (see the plan test); and the failure must not push a coverage gate to STOP.
        string[] season = ["--start-date", "2021-10-19", "--end-date", "2022-04-10"];
        const string Bad = "2022-04-08";
        var db = await ImportedDatabaseAsync("retry");

        // An ingestion bug: one player's log of a game names a team that played another game that day.
        var (gameId, playerId, realTeam) = await FirstLogAsync(db, Bad);
        var wrongTeam = Convert.ToInt64(await TestDatabase.ScalarAsync(db, OtherTeamSql(Bad, gameId)), CultureInfo.InvariantCulture);
        await TestDatabase.ExecuteAsync(db, $"UPDATE nba_player_game_logs SET team_id = {wrongTeam} WHERE game_id = '{gameId}' AND player_id = {playerId}");

        var first = (await BackfillCli.RunAsync(["run", "nba", .. season, "--db", db], RunTimeout)).ShouldExitWith(4);
        var runId = Assert.Single(await LedgerRun.AllAsync(db)).RunId;
        var id = runId.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"Run {id} of nba: failed", first.Stdout, StringComparison.Ordinal);

        (string, string)[] failedKeys = [("team_defense_game_summary", Bad), ("team_offense_game_summary", Bad)];
        (string, string)[] blockedKeys = [.. from date in new[] { Bad, "2022-04-09", "2022-04-10" } from p in new[] { "feature_store", "team_defense_form" } select (p, date)];
        var before = (await SlotRow.OfRunAsync(db, runId)).ToDictionary(s => s.Key);
        Assert.Equal(failedKeys, before.Values.Where(s => s.Status == "failed").Select(s => s.Key).Order());
        Assert.All(failedKeys, k => Assert.StartsWith("InvalidDataException:", before[k].Error, StringComparison.Ordinal));
        Assert.Equal(blockedKeys.Order(), before.Values.Where(s => s.IsBlocked).Select(s => s.Key).Order());
        Assert.DoesNotContain(before.Values, s => s.Status is "planned" or "running");

        var status = (await BackfillCli.RunAsync("status", id, "--db", db)).ShouldExitWith(0);
        Assert.Contains($"Run {id} of nba: failed", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("Failures:", status.Stdout, StringComparison.Ordinal);
        foreach (var (processor, date) in failedKeys)
        {
            Assert.Contains($"| {date} | {processor} | 1 | InvalidDataException: Player {playerId}'s log of game {gameId} says team {wrongTeam}", status.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains($"backfill retry {id} --failed", status.Stdout, StringComparison.Ordinal);

        // Fixed at the source; --failed reruns exactly the two failed slots. Their dependents stay skipped, so nothing has
        // failed any more and the run is completed.
        await TestDatabase.ExecuteAsync(db, $"UPDATE nba_player_game_logs SET team_id = {realTeam} WHERE game_id = '{gameId}' AND player_id = {playerId}");
        var retried = (await BackfillCli.RunAsync(["retry", id, "--failed", "--db", db], RunTimeout)).ShouldExitWith(0);
        Assert.Contains($"Run {id} of nba: completed", retried.Stdout, StringComparison.Ordinal);
        var afterFailed = (await SlotRow.OfRunAsync(db, runId)).ToDictionary(s => s.Key);
        Assert.Equal(failedKeys, afterFailed.Values.Where(s => s.Attempts == 2).Select(s => s.Key).Order());
        Assert.All(failedKeys, k => Assert.Equal(("success", (string?)null), (afterFailed[k].Status, afterFailed[k].Error)));
        Assert.Equal(blockedKeys.Order(), afterFailed.Values.Where(s => s.IsBlocked).Select(s => s.Key).Order());
        Assert.All(afterFailed.Values.Where(s => !failedKeys.Contains(s.Key)), s => Assert.Equal((before[s.Key].Status, before[s.Key].Attempts), (s.Status, s.Attempts)));
        var games = await TestDatabase.CountAsync(db, $"SELECT COUNT(*) FROM nba_games WHERE game_date = '{Bad}'");
        foreach (var table in new[] { "team_offense_game_summary", "team_defense_game_summary" })
        {
            Assert.True(2 * games == await TestDatabase.CountAsync(db, $"SELECT COUNT(*) FROM {table} WHERE game_date = '{Bad}'"), $"{table} should hold both teams of the {games} games on {Bad}");
        }

        // --blocked runs the upstream_failed skips, now that their inputs are there.
        var unblocked = (await BackfillCli.RunAsync(["retry", id, "--blocked", "--db", db], RunTimeout)).ShouldExitWith(0);
        Assert.Contains($"Run {id} of nba: completed", unblocked.Stdout, StringComparison.Ordinal);
        var final = (await SlotRow.OfRunAsync(db, runId)).ToDictionary(s => s.Key);
        Assert.All(blockedKeys, k => Assert.Equal(("success", 1L), (final[k].Status, final[k].Attempts)));
        Assert.DoesNotContain(final.Values, s => s.Status != "success" && !s.IsBootstrap);
        Assert.Equal(failedKeys, final.Values.Where(s => s.Attempts == 2).Select(s => s.Key).Order());
        var run = Assert.Single(await LedgerRun.AllAsync(db));
        Assert.Equal("completed", run.State);
        foreach (var table in new[] { "team_defense_form", "feature_store" })
        {
            Assert.True(3 == await TestDatabase.CountAsync(db, $"SELECT COUNT(DISTINCT game_date) FROM {table} WHERE game_date >= '{Bad}' AND game_date <= '2022-04-10'"),
                $"{table} should hold rows on {Bad}, 2022-04-09 and 2022-04-10 after retry --blocked");
        }
    }

    [Fact]
    public async Task Many_failed_slots_and_their_blocked_dependents_are_all_recorded_and_the_run_ends_failed()
    {
        // A failure every few weeks of a season blocks most team_defense_form slots (each reads 30 days of team defense)
        // while the player_form slots beside them run (--parallel 2): recording a block must not disturb a running slot,
        // and the run must end 'failed' (exit 4) with every slot accounted for. (Without feature_store: its coverage gate
        // would rightly say STOP with so many dates blocked.)
        string[] processors = ["player_game_summary", "team_offense_game_summary", "team_defense_game_summary", "player_form", "team_defense_form"];
        string[] season = ["--start-date", "2021-10-19", "--end-date", "2022-04-10"];
        var db = await ImportedDatabaseAsync("many_failures");
        var dates = await BadDatesAsync(db, "2021-11-01", "2022-04-01", every: 10);
        Assert.True(dates.Count >= 10, $"only {dates.Count} dates to corrupt");
        foreach (var date in dates)
        {
            var (gameId, playerId, _) = await FirstLogAsync(db, date);
            await TestDatabase.ExecuteAsync(db, $"UPDATE nba_player_game_logs SET team_id = ({OtherTeamSql(date, gameId)}) WHERE game_id = '{gameId}' AND player_id = {playerId}");
        }

        var result = (await BackfillCli.RunAsync(["run", .. processors, .. season, "--parallel", "2", "--db", db], RunTimeout)).ShouldExitWith(4);
        var run = Assert.Single(await LedgerRun.AllAsync(db));
        Assert.Equal((string.Join('+', processors), "failed"), (run.Job, run.State));
        Assert.Contains($"Run {run.RunId} of {run.Job}: failed", result.Stdout, StringComparison.Ordinal);

        var slots = await SlotRow.OfRunAsync(db, run.RunId);
        Assert.DoesNotContain(slots, s => s.Status is "planned" or "running");
        var expectedFailures = dates.SelectMany(d => new[] { ("team_defense_game_summary", d), ("team_offense_game_summary", d) }).Order().ToList();
        Assert.Equal(expectedFailures, slots.Where(s => s.Status == "failed").Select(s => s.Key).Order());
        Assert.All(slots.Where(s => s.Status == "failed"), s => Assert.StartsWith("InvalidDataException:", s.Error, StringComparison.Ordinal));
        Assert.All(slots.Where(s => s.Status == "skipped"), s => Assert.True(s.IsBootstrap || s.IsBlocked, $"{s}: skipped for another reason"));
        var blocked = slots.Where(s => s.IsBlocked).ToList();
        Assert.All(blocked, s => Assert.True(s.Processor == "team_defense_form" && s.Attempts == 0, $"{s}: should not have been blocked, or run"));
        Assert.All(dates, d => Assert.Contains(blocked, s => s.Date == d)); // each bad date blocks its own team_defense_form slot
        Assert.True(blocked.Count > 100, $"only {blocked.Count} slots blocked");
        Assert.All(slots.Where(s => s.Processor is "player_game_summary" or "player_form"), s => Assert.True(s.Status == "success" || s.IsBootstrap, $"{s}: does not read team summaries"));
        Assert.Equal(run.Errors, slots.Count(s => s.Status == "failed"));
    }

    [Fact]
    public async Task Demo_nba_passes_its_checks()
    {
        _ = SharedNbaData.Folder; // fails clearly when the data the demo imports is missing
        var db = await NewDatabaseAsync("demo_nba");
        var clock = Stopwatch.StartNew();
        var demo = (await BackfillCli.RunAsync(["demo", "nba", "--db", db], RunTimeout)).ShouldExitWith(0);
        output.WriteLine($"wall time of 'backfill demo nba': {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("All checks passed.", demo.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("| FAIL |", demo.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A new database, migrated and with the four seasons imported, both through the CLI.</summary>
    private async Task<string> ImportedDatabaseAsync(string purpose)
    {
        var db = await NewDatabaseAsync(purpose);
        var clock = Stopwatch.StartNew();
        (await BackfillCli.RunAsync("migrate", "--db", db)).ShouldExitWith(0);
        var import = (await BackfillCli.RunAsync(["import", "nba", SharedNbaData.Folder, "--db", db], ImportTimeout)).ShouldExitWith(0);
        Assert.Contains("| player game logs | 101,389 | 101,389 | 0 |", import.Stdout, StringComparison.Ordinal);
        output.WriteLine($"migrate + import nba ({purpose}): {clock.Elapsed.TotalSeconds:0.0} s");
        return db;
    }

    private static void AssertStatusRow(CliResult status, int phase, string processor, int success, int skipped)
    {
        // Columns: Phase | Processor | Success | Failed | Skipped | Unfinished | Latest date | Rows written.
        var row = new Regex($@"^\| {phase} \| {processor} \| {success.ToString("N0", CultureInfo.InvariantCulture)} \| 0 \| {skipped} \| 0 \| 2024-04-14 \|", RegexOptions.Multiline);
        Assert.True(row.IsMatch(status.Stdout), $"'backfill status' should list {processor} (phase {phase}) with {success} success and {skipped} skipped.{Environment.NewLine}{status.Describe()}");
    }

    private async Task<(string Db, long RunId, IReadOnlyList<SlotRow> AtKill)> KillMidRunAsync(string imported)
    {
        var misses = new List<string>();
        foreach (var threshold in KillAfterSuccessfulSlots)
        {
            var db = await CopyDatabaseAsync(imported, $"killed_after_{threshold}");
            output.WriteLine($"running 'run nba' over four seasons, to be killed after {threshold} successful slots");
            if (await TryKillMidRunAsync(db, threshold, misses) is { } killed)
            {
                return (db, killed.RunId, killed.Slots);
            }

            output.WriteLine($"missed: {misses[^1]}");
        }

        Assert.Fail($"could not kill 'backfill run nba' mid-run in {KillAfterSuccessfulSlots.Length} attempts:{Environment.NewLine}{string.Join(Environment.NewLine, misses)}");
        throw new UnreachableException();
    }

    /// <summary>SIGKILLs the run once enough slots succeeded; null (with the reason in misses) when it finished first.</summary>
    private static async Task<(long RunId, IReadOnlyList<SlotRow> Slots)?> TryKillMidRunAsync(string db, int threshold, List<string> misses)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var process = BackfillCli.Start(["run", "nba", .. FourSeasons, "--parallel", "2", "--db", db]);
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < RunTimeout)
        {
            var success = Convert.ToInt64(await store.ScalarAsync("SELECT COUNT(*) FROM backfill_slots WHERE status = 'success'", CancellationToken.None), CultureInfo.InvariantCulture);
            if (success >= threshold)
            {
                process.Kill();
                var killed = await process.WaitAsync(RunTimeout);
                var runs = await LedgerRun.AllAsync(db);
                if (runs is [{ State: "running" } run])
                {
                    var slots = await SlotRow.OfRunAsync(store, run.RunId);
                    if (killed.ExitCode != 0 && slots.Any(s => s.Status is "planned" or "running"))
                    {
                        return (run.RunId, slots);
                    }
                }

                misses.Add($"threshold {threshold}: the run finished before the kill landed: {string.Join("; ", runs)}{Environment.NewLine}{killed.Describe()}");
                return null;
            }

            await Task.Delay(10);
        }

        var finished = await process.WaitAsync(RunTimeout);
        misses.Add($"threshold {threshold}: the run ended before {threshold} slots succeeded ({string.Join("; ", await LedgerRun.AllAsync(db))}){Environment.NewLine}{finished.Describe()}");
        return null;
    }

    private static async Task<IReadOnlyList<string>> GateVerdictsAsync(string db, long runId)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var cmd = store.Command("SELECT gate, scope, range_from, range_to, sample, verdict, detail FROM backfill_gate_results WHERE run_id = @id", null, ("@id", runId));
        await using var r = await cmd.ExecuteReaderAsync();
        var gates = new List<string>();
        while (await r.ReadAsync())
        {
            gates.Add(string.Join(" | ", r.GetString(0), r.GetString(1), SlotRow.DateText(r.GetValue(2)), SlotRow.DateText(r.GetValue(3)),
                Convert.ToString(r.GetValue(4), CultureInfo.InvariantCulture), r.GetString(5), r.GetString(6)));
        }

        return gates.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A team that plays on the date but not in the game: a log naming it makes the team summaries throw.</summary>
    private static string OtherTeamSql(string date, string gameId) =>
        $"SELECT home_team_id FROM nba_games WHERE game_date = '{date}' AND home_team_id NOT IN "
        + $"(SELECT home_team_id FROM nba_games WHERE game_id = '{gameId}' UNION SELECT away_team_id FROM nba_games WHERE game_id = '{gameId}') ORDER BY game_id LIMIT 1";

    /// <summary>Every n-th scheduled date in the range that has at least two games (so another team plays that day).</summary>
    private static async Task<IReadOnlyList<string>> BadDatesAsync(string db, string from, string to, int every)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var cmd = store.Command(
            $"SELECT game_date FROM nba_games WHERE game_date >= '{from}' AND game_date <= '{to}' GROUP BY game_date HAVING COUNT(*) >= 2 ORDER BY game_date");
        await using var r = await cmd.ExecuteReaderAsync();
        var dates = new List<string>();
        while (await r.ReadAsync())
        {
            dates.Add(SlotRow.DateText(r.GetValue(0)));
        }

        return dates.Where((_, i) => i % every == 0).ToList();
    }

    private static async Task<(string GameId, long PlayerId, long TeamId)> FirstLogAsync(string db, string date)
    {
        await using var store = await TestDatabase.OpenAsync(db);
        await using var cmd = store.Command($"SELECT game_id, player_id, team_id FROM nba_player_game_logs WHERE game_date = '{date}' ORDER BY game_id, player_id LIMIT 1");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"no player game log on {date}");
        return (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture));
    }
}
