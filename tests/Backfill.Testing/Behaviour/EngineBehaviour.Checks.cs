using Backfill.Core.Audit;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.Core.Validation;
using Backfill.OrderBook.Schema;
using Backfill.OrderBook.Seeding;
using Xunit;
using static Backfill.Testing.Behaviour.OrderBookData;

namespace Backfill.Testing.Behaviour;

/// <summary>Behaviours 11-12: the audit before a run and the validation after it; and the demo data they use.</summary>
public abstract partial class EngineBehaviour
{
    [Fact]
    public async Task Audit_gives_the_exact_nulls_missing_rows_and_tiers_of_a_hand_built_fixture()
    {
        await Db.ChangePayloadColumnTypeAsync(Factory.TextPayloadType, Ct);
        await AddMarketAsync();
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);                                // A, 3 NULLs
        await Data.AddSnapshotAsync(2, Market, Books.WorkedExample(Market), Ct);                                 // A, complete
        await Data.AddDerivedAsync(2, Market, Ct, (HomeRisk, 1), (AwayRisk, 2), (DrawRisk, 3));
        await Data.AddSnapshotAsync(3, Market, Books.WorkedExample(Market), Ct);                                 // A, no derived row
        await Data.AddCandidateAsync(4, Market, null, Ct);                                                      // C, no payload
        await Data.AddCandidateAsync(5, Market, Books.WithoutDraw(Market), Ct);                                  // B, runner missing
        await Data.AddCandidateAsync(6, MarketWithoutMetadata, Books.WorkedExample(MarketWithoutMetadata), Ct);  // B, no metadata
        await Data.AddCandidateAsync(7, Market, Books.Truncated(Market), Ct);                                    // C, unparsable
        await Data.AddSnapshotAsync(8, Market, Books.EmptyLadders(Market), Ct);                                  // B, no derived row
        await Data.AddSnapshotAsync(9, Market, Books.WorkedExample(Market), Ct);                                 // A, home only filled
        await Data.AddDerivedAsync(9, Market, Ct, (HomeRisk, Sentinel));

        var audit = await new Auditor(Store, Catalog).AuditAsync(BookRisk, Ct);

        var all = audit.Nulls.All;
        Assert.Equal((9L, 7L, 2L), (all.SourceRows, all.DerivedRows, all.MissingDerivedRows));
        AssertReasons(all.Nulls, (HomeRisk, 5), (AwayRisk, 6), (DrawRisk, 6)); // NULLs among existing derived rows
        Assert.Equal(8, audit.Candidates);
        Assert.Equal(new TierCounts(4, 3, 2), audit.Tiers);
        Assert.Equal(new TierCounts(3, 3, 2), audit.CandidateTiers);
        Assert.Equal(9, audit.Nulls.Recent!.SourceRows); // the fixture spans 8 minutes: all of it is recent
        Assert.Equal(At(9).AddDays(-7), audit.Nulls.RecentSince);
    }

    [Fact]
    public async Task A_run_over_the_whole_table_starts_from_the_counts_the_audit_gives()
    {
        await AddMarketAsync();
        await Data.AddCandidateAsync(3, Market, Books.WorkedExample(Market), Ct); // NULLs to fill
        await Data.AddSnapshotAsync(4, Market, Books.WorkedExample(Market), Ct);  // complete
        await Data.AddDerivedAsync(4, Market, Ct, (HomeRisk, 1), (AwayRisk, 2), (DrawRisk, 3));
        await Data.AddSnapshotAsync(7, Market, Books.WorkedExample(Market), Ct);  // no derived row
        var audit = await new Auditor(Store, Catalog).AuditAsync(BookRisk, Ct);

        var result = await RunAsync(new RunRequest { Job = BookRisk });

        Assert.Equal((3L, 7L, 2L), (result.Run!.MinKey!.Value, result.Run.MaxKey!.Value, result.Run.CandidatesAtStart!.Value));
        Assert.Equal(audit.Candidates, result.Run.CandidatesAtStart.Value);
        var before = result.NullsBefore!;
        Assert.Equal((3L, 2L), (before.All.SourceRows, before.All.DerivedRows));
        AssertReasons(before.All.Nulls, (HomeRisk, 1), (AwayRisk, 1), (DrawRisk, 1));
        Assert.Equal(audit.Nulls.All.Nulls, before.All.Nulls);
        Assert.Equal(audit.Nulls.Recent!.Nulls, before.Recent!.Nulls);
    }

    [Fact]
    public async Task The_counts_at_the_start_of_a_run_are_of_the_table_before_its_first_write_even_when_counted_after_it()
    {
        await AddMarketAsync();
        await Data.AddCandidateAsync(3, Market, Books.WorkedExample(Market), Ct); // NULLs to fill
        await Data.AddSnapshotAsync(4, Market, Books.WorkedExample(Market), Ct);  // no derived row
        var sql = await Store.PrepareAsync(BookRisk, Catalog.ProcessorOf(BookRisk), TimeWindow.All, Ct);
        var expected = await Store.NullStatsAndCandidatesAsync(sql, Ct);

        await using var counting = await StatisticsBefore.SnapshotAsync(Store, sql, null, Ct);
        var run = await Store.CreateRunAsync(BookRisk.Name, new RunRequest { Job = BookRisk }.Settings, counting.Bounds, null, null, Ct);
        // What a run's first batches would do before the count gets to the table: fill NULLs, add rows.
        await Store.ExecuteAsync($"UPDATE market_derived_metrics SET {HomeRisk} = 1, {AwayRisk} = 2, {DrawRisk} = 3", Ct);
        await Data.AddCandidateAsync(9, Market, Books.WorkedExample(Market), Ct);
        counting.Start(run.RunId, sql);
        var counted = await counting.ResultAsync(wait: true);

        Assert.Equal(expected.Bounds, counting.Bounds);
        Assert.Equal(expected.Candidates, counted!.Value.Candidates);
        Assert.Equal(Shape(expected.Nulls.All), Shape(counted.Value.Nulls.All));
        var recorded = (await Store.GetRunAsync(run.RunId, Ct))!;
        Assert.Equal(expected.Candidates, recorded.CandidatesAtStart);
        Assert.Equal(Shape(expected.Nulls.All), Shape(recorded.NullsBefore!.All));
        Assert.NotEqual(Shape(expected.Nulls.All), Shape((await Store.NullStatsAsync(sql, Ct)).All));

        static string Shape(NullCounts c) => $"{c.SourceRows} rows, {c.DerivedRows} derived, NULLs: {string.Join(", ", c.Nulls.OrderBy(n => n.Key, StringComparer.Ordinal))}";
    }

    [Fact]
    public async Task The_recent_nulls_count_only_the_last_seven_days_of_data()
    {
        await AddMarketAsync();
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);      // 14 days before the newest
        await Data.AddSnapshotAsync(2, Market, Books.WorkedExample(Market), Ct);       // likewise, no derived row
        await Data.AddCandidateAsync(20_000, Market, Books.WorkedExample(Market), Ct); // the newest

        var nulls = (await new Auditor(Store, Catalog).AuditAsync(BookRisk, Ct)).Nulls;

        Assert.Equal((3L, 2L), (nulls.All.SourceRows, nulls.All.DerivedRows));
        Assert.Equal(At(20_000).AddDays(-7), nulls.RecentSince);
        Assert.Equal((1L, 1L), (nulls.Recent!.SourceRows, nulls.Recent.DerivedRows));
        AssertReasons(nulls.Recent.Nulls, (HomeRisk, 1), (AwayRisk, 1), (DrawRisk, 1));
    }

    [Fact]
    public async Task Validate_fails_while_values_are_fillable_and_passes_after_a_full_run()
    {
        await AddMarketAsync();
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(2, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(3, Market, Books.WorkedExample(Market), Ct);
        await Data.AddDerivedAsync(3, Market, Ct, (HomeRisk, Sentinel), (AwayRisk, Sentinel), (DrawRisk, Sentinel));
        await Data.AddCandidateAsync(4, Market, null, Ct);
        await Data.AddCandidateAsync(5, Market, Books.WithoutDraw(Market), Ct);
        var validator = new Validator(Store, Catalog);

        var before = await validator.ValidateAsync(BookRisk, Ct);
        await RunAsync(new RunRequest { Job = BookRisk });
        var after = await validator.ValidateAsync(BookRisk, Ct);

        Assert.False(before.Passed);
        Assert.Equal(1, before.MissingDerivedRows);
        Assert.All(before.Columns, c => Assert.Equal((4L, 2L), (c.Nulls, c.Fillable)));
        Assert.All(before.Columns, c => Assert.Equal([1L, 2L], c.FillableSample));
        Assert.True(after.Passed);
        Assert.Equal(0, after.MissingDerivedRows);
        Assert.All(after.Columns, c => Assert.Equal((2L, 0L), (c.Nulls, c.Fillable)));
        foreach (var report in new[] { before, after })
        {
            AssertReasons(Column(report, HomeRisk).ExpectedNullReasons, ("no_payload", 1), ("missing_role", 1));
            AssertReasons(Column(report, AwayRisk).ExpectedNullReasons, ("no_payload", 1), ("missing_role", 1));
            AssertReasons(Column(report, DrawRisk).ExpectedNullReasons, ("no_payload", 1), ("missing_runner", 1));
        }
        Assert.Equal((Sentinel, Sentinel, Sentinel), await RiskAsync(3));
    }

    /// <summary>
    /// The demo (used by the bigger tests) seeds into the payload column as migrated (jsonb on PostgreSQL). Its
    /// damaged payloads (DemoDamage: missing when id % 200 == 137, truncated when id % 333 == 71) stay unusable
    /// there: a truncated one cannot be jsonb, so the seeder stores it double-encoded, which a run also rejects.
    /// </summary>
    [Fact]
    public async Task Demo_seeder_fills_a_freshly_migrated_database_and_its_damaged_payloads_are_unusable()
    {
        var seeded = await new DemoSeeder(Store).SeedAsync(DemoOptions, Ct);

        Assert.NotNull(seeded);
        Assert.Equal(800, seeded.Snapshots);
        Assert.Equal(800, await Data.CountAsync(OrderBookMigrations.Snapshots, Ct));
        var result = await RunAsync(new RunRequest { Job = AllMetrics });
        var errors = await Store.RowErrorsAsync(result.Run!.RunId, 100, Ct);
        Assert.Equal([(71L, "invalid_payload"), (404L, "invalid_payload")], errors.Select(e => (e.RowKey, e.Reason)));
        Assert.Equal(4, result.Reasons.GetValueOrDefault("skipped:no_payload")); // 137, 337, 537, 737 (missing wins over truncated)
    }

    private static ColumnValidation Column(ValidationReport report, string column) => report.Columns.Single(c => c.Column == column);
}
