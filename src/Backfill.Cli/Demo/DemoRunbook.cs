using System.Text;
using Backfill.Cli.Output;
using Backfill.Core.Audit;
using Backfill.Core.Jobs;
using Backfill.Core.Reports;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.Core.Validation;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Reports;
using Backfill.OrderBook.Schema;
using Backfill.OrderBook.Seeding;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Demo;

/// <summary>
/// The three order-book runbooks (seeds 000, 001, 002), end to end on the demo database:
/// audit, dry run (limit 200), small batch (limit 200), full run, validate, report.
/// </summary>
public sealed class DemoRunbook(SqlStore store, JobCatalog catalog, TimeProvider clock, TextWriter output)
{
    // Seed 002 is scoped to the last 7 days (the audit shows the ongoing gap there) and runs before
    // seed 001, whose Tier-A family also covers the L1 sizes of the older history.
    private static readonly (string Job, string Title, bool RecentOnly)[] Runbooks =
    [
        ("book-risk-l3", "Seed 000 — Book Risk L3 backfill", false),
        ("l1-sizes", "Seed 002 — L1 size gap in the last 7 days (run with --from)", true),
        ("tier-a", "Seed 001 — Tier A backfill (impedance inputs, L1 sizes, impedance) over all history", false),
    ];

    public async Task<bool> RunAsync(int seed, CancellationToken ct)
    {
        await store.MigrateAsync(CliContext.AllMigrations, ct);
        var seeded = await new DemoSeeder(store).SeedAsync(new DemoOptions { Seed = seed }, ct);
        output.WriteLine($"# Backfill demo on {store.Describe()}");
        output.WriteLine();
        output.WriteLine(seeded is null
            ? "The database already holds the demo: re-running the runbooks (they must change nothing)."
            : $"Seeded (seed {seeded.Seed}): {N(seeded.Snapshots)} snapshots of {N(seeded.Markets)} markets with metadata (one market has none), "
              + $"{N(seeded.DerivedRows)} derived rows, with the seeds' damage: Tier-A columns never computed for older snapshots, "
              + "Book Risk L3 NULL on ~14% of rows, an L1 back-size gap in the last 7 days, snapshots with no or corrupt payload, rows never derived.");
        output.WriteLine();

        var allPassed = true;
        var summary = new List<IReadOnlyList<string>>();
        RunRecord? bookRiskRun = null;
        foreach (var (name, title, recentOnly) in Runbooks)
        {
            var (passed, fullRun, row) = await RunbookAsync(catalog.Get(name), title, recentOnly, ct);
            allPassed &= passed;
            bookRiskRun ??= fullRun;
            summary.Add(row);
        }

        output.WriteLine("## Execution report of the Book Risk L3 run (as 'backfill report run')");
        output.WriteLine();
        output.WriteLine((await new RunReportWriter(store).WriteAsync(bookRiskRun!, ct)).Replace("# ", "### ", StringComparison.Ordinal));
        await MarketReportAsync(ct);

        output.WriteLine("## Before / after");
        output.WriteLine();
        var sb = new StringBuilder();
        Table(sb, ["Job", "Target columns", "NULL values before", "NULL values after", "Rows written", "Validation"], summary);
        output.Write(sb);
        output.WriteLine(allPassed
            ? "Every NULL left has a reason (no payload, corrupt payload, no metadata, missing level). Run './backfill demo' again: it changes nothing."
            : "Validation FAILED: some NULLs could still be filled.");
        return allPassed;
    }

    private async Task<(bool Passed, RunRecord FullRun, IReadOnlyList<string> Row)> RunbookAsync(JobSpec job, string title, bool recentOnly, CancellationToken ct)
    {
        output.WriteLine($"## {title}: job {job.Name}");
        output.WriteLine();
        var audit = await new Auditor(store, catalog).AuditAsync(job, ct);
        output.Write(AuditPrinter.Render(audit, store.Describe()).Replace("## ", "#### ", StringComparison.Ordinal).Replace("# Audit", "### Audit", StringComparison.Ordinal));

        var from = recentOnly ? audit.Nulls.RecentSince : null;
        var scope = from is null ? "" : $", --from {Time(from)}";
        var runner = new BackfillRunner(store, catalog, clock);
        var dry = await runner.RunAsync(new RunRequest { Job = job, DryRun = true, Limit = 200, From = from }, null, ct);
        var small = await runner.RunAsync(new RunRequest { Job = job, Limit = 200, From = from }, null, ct);
        var full = await runner.RunAsync(new RunRequest { Job = job, BatchSize = 500, From = from }, null, ct);
        var validation = await new Validator(store, catalog).ValidateAsync(job, ct, new TimeWindow(from, null));

        var sb = new StringBuilder();
        sb.AppendLine("#### Execution").AppendLine();
        Table(sb, ["Step", "Action", "Result"],
        [
            ["1", $"Dry run (limit 200{scope})", Outcome(dry, "would be ")],
            ["2", $"Small batch (limit 200{scope}), run {small.Run!.RunId}", Outcome(small, "")],
            ["3", $"Full run (batch-size 500{scope}), run {full.Run!.RunId}", Outcome(full, "") + $" in {Duration(full.Elapsed)}"],
            ["4", $"Validate{(from is null ? "" : $" (--from {Time(from)})")}", validation.Passed ? "PASSED: no NULL left whose inputs exist" : "FAILED"],
        ]);
        var expected = validation.Columns.SelectMany(c => c.ExpectedNullReasons).GroupBy(r => r.Key).Select(g => $"{g.Key} {N(g.Sum(x => x.Value))}");
        sb.AppendLine($"NULL values left, by reason (over {job.Target.Columns.Count} columns): {string.Join(", ", expected.DefaultIfEmpty("none"))}.").AppendLine();
        output.Write(sb);

        var scoped = recentOnly && audit.Nulls.Recent is not null ? audit.Nulls.Recent : audit.Nulls.All;
        var before = scoped.Nulls.Values.Sum() + scoped.MissingDerivedRows * job.Target.Columns.Count;
        var after = validation.Columns.Sum(c => c.Nulls);
        var written = small.Updated + small.Inserted + full.Updated + full.Inserted;
        return (validation.Passed, full.Run, [job.Name + (from is null ? "" : " (last 7 days)"), N(job.Target.Columns.Count), N(before), N(after), N(written), validation.Passed ? "PASSED" : "FAILED"]);
    }

    private static string Outcome(RunResult r, string verb) =>
        $"{N(r.Updated)} {verb}updated; {N(r.Inserted)} {verb}inserted; {N(r.Skipped)} skipped; {N(r.Errors)} errors";

    private async Task MarketReportAsync(CancellationToken ct)
    {
        var market = await store.ScalarAsync($"SELECT market_id FROM {OrderBookMigrations.Metadata} ORDER BY CASE WHEN event_name LIKE 'Lazio%' THEN 0 ELSE 1 END, market_start_time DESC LIMIT 1", ct) as string;
        if (market is null) return;
        output.WriteLine("## Market report (as 'backfill report market')");
        output.WriteLine();
        var result = await new MarketReport(store).BuildAsync(market, "book_risk_l3", ct);
        output.WriteLine(MarketReport.Render(result).Replace("# ", "### ", StringComparison.Ordinal));
    }
}
