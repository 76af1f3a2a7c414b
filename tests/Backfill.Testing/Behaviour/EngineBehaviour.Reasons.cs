using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.Core.Validation;
using Backfill.OrderBook.Schema;
using Xunit;
using static Backfill.Testing.Behaviour.OrderBookData;

namespace Backfill.Testing.Behaviour;

/// <summary>Behaviours 5-7: why rows are skipped, inserts of missing derived rows, payload column types.</summary>
public abstract partial class EngineBehaviour
{
    private const string HomeBackL1 = "home_best_back_size_l1", HomeLayL1 = "home_best_lay_size_l1";
    private const string AwayBackL1 = "away_best_back_size_l1", AwayLayL1 = "away_best_lay_size_l1";
    private const string DrawBackL1 = "draw_best_back_size_l1", DrawLayL1 = "draw_best_lay_size_l1";

    [Fact]
    public async Task Every_skip_and_error_reason_is_counted_and_a_bad_row_never_stops_its_batch()
    {
        await Db.ChangePayloadColumnTypeAsync(Factory.TextPayloadType, Ct); // '' and cut-off JSON are not json
        await AddMarketAsync();
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);
        await Data.AddCandidateAsync(2, Market, null, Ct);                                                  // no_payload
        await Data.AddCandidateAsync(3, Market, "", Ct);                                                    // no_payload
        await Data.AddCandidateAsync(4, MarketWithoutMetadata, Books.WorkedExample(MarketWithoutMetadata), Ct); // no_metadata
        await Data.AddCandidateAsync(5, Market, Books.EmptyLadders(Market), Ct);                             // no_ladder
        await Data.AddCandidateAsync(6, Market, Books.Truncated(Market), Ct);                                // invalid_payload
        await Data.AddCandidateAsync(7, Market, Books.WorkedExample(Market), Ct);
        await Data.AddCandidateAsync(8, Market, Books.WithoutDraw(Market), Ct);                              // partial
        await Data.AddCandidateAsync(9, Market, " \n ", Ct);                                                // no_payload

        var result = await RunAsync(new RunRequest { Job = L1Sizes });

        Assert.Equal((9L, 3L, 0L, 5L, 1L, 1L), (result.Processed, result.Updated, result.Inserted, result.Skipped, result.Errors, result.Batches));
        AssertReasons(result.Reasons,
            ("skipped:no_payload", 3), ("skipped:no_metadata", 1), ("skipped:no_ladder", 1), ("error:invalid_payload", 1));
        var error = Assert.Single(await Store.RowErrorsAsync(result.Run!.RunId, 100, Ct));
        Assert.Equal((6L, "invalid_payload"), (error.RowKey, error.Reason));
        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
        foreach (var id in new[] { 1, 7 })
            Assert.Equal(
                [Books.HomeBackL1, Books.HomeLayL1, Books.AwayBackL1, Books.AwayLayL1, Books.DrawBackL1, Books.DrawLayL1],
                await L1Async(id));
        Assert.Equal([Books.HomeBackL1, Books.HomeLayL1, Books.AwayBackL1, Books.AwayLayL1, null, null], await L1Async(8));
        foreach (var id in new[] { 2, 3, 4, 5, 6, 9 })
            Assert.All(await L1Async(id), Assert.Null);

        var report = await new Validator(Store, Catalog).ValidateAsync(L1Sizes, Ct);
        Assert.True(report.Passed);
        var home = report.Columns.Single(c => c.Column == HomeBackL1);
        var draw = report.Columns.Single(c => c.Column == DrawBackL1);
        Assert.Equal((6L, 0L), (home.Nulls, home.Fillable));
        AssertReasons(home.ExpectedNullReasons, ("no_payload", 3), ("no_metadata", 1), ("no_ladder", 1), ("invalid_payload", 1));
        Assert.Equal((7L, 0L), (draw.Nulls, draw.Fillable));
        AssertReasons(draw.ExpectedNullReasons,
            ("no_payload", 3), ("no_metadata", 1), ("no_ladder", 1), ("invalid_payload", 1), ("missing_runner", 1));
    }

    [Fact]
    public async Task Missing_derived_rows_are_inserted_with_the_carried_time_and_market_and_counted_as_inserted()
    {
        await AddMarketAsync();
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(2, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(3, Market, null, Ct); // nothing to derive: no empty row is inserted
        await Data.AddSnapshotAsync(4, Market, Books.WorkedExample(Market), Ct);

        var result = await RunAsync(new RunRequest { Job = BookRisk });

        Assert.Equal((4L, 1L, 2L, 1L), (result.Processed, result.Updated, result.Inserted, result.Skipped));
        AssertReasons(result.Reasons, ("skipped:no_payload", 1));
        Assert.Equal((1L, 2L), (result.Run!.Updated, result.Run.Inserted));
        Assert.False(await Data.HasDerivedRowAsync(3, Ct));
        foreach (var id in new[] { 2, 4 })
        {
            await AssertWorkedExampleAsync(id);
            await using var cmd = Store.Command($"SELECT snapshot_at, market_id FROM {OrderBookMigrations.Derived} WHERE snapshot_id = @id", null, ("@id", id));
            await using var r = await cmd.ExecuteReaderAsync(Ct);
            Assert.True(await r.ReadAsync(Ct));
            Assert.Equal(At(id), SqlStore.ReadTime(r.GetValue(0)));
            Assert.Equal(Market, r.GetString(1));
        }
    }

    /// <summary>SQLite: TEXT only. PostgreSQL: jsonb (as migrated), json and text, each in a fresh database.</summary>
    [Fact]
    public async Task Every_payload_column_type_the_store_offers_gives_the_same_values()
    {
        var dumps = new List<(string Type, string Dump, RunResult Result)>();
        foreach (var type in Factory.PayloadColumnTypes)
        {
            await using var db = await Factory.CreateAsync(Ct);
            await db.ChangePayloadColumnTypeAsync(type, Ct);
            var data = new OrderBookData(db.Store);
            await data.AddMarketAsync(Market, Ct);
            await data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);
            await data.AddCandidateAsync(2, Market, Books.WithoutDraw(Market), Ct);
            await data.AddCandidateAsync(3, Market, Books.EmptyLadders(Market), Ct);
            await data.AddCandidateAsync(4, Market, null, Ct);
            await data.AddSnapshotAsync(5, Market, Books.WorkedExample(Market), Ct);
            await data.AddCandidateAsync(6, MarketWithoutMetadata, Books.WorkedExample(MarketWithoutMetadata), Ct);
            var declared = await db.Store.Dialect.ColumnTypesAsync(db.Store.Connection, OrderBookMigrations.Snapshots, Ct);
            Assert.Equal(type, declared["raw_payload"], ignoreCase: true);

            var result = await RunAsync(db.Store, Catalog, new RunRequest { Job = AllMetrics });

            Assert.Equal((6L, 2L, 1L, 3L, 0L), (result.Processed, result.Updated, result.Inserted, result.Skipped, result.Errors));
            AssertReasons(result.Reasons, ("skipped:no_ladder", 1), ("skipped:no_payload", 1), ("skipped:no_metadata", 1));
            foreach (var id in new[] { 1, 5 })
            {
                var (home, away, draw) = await RiskAsync(id, db.Store);
                AssertValue(Books.HomeBookRisk, home);
                AssertValue(Books.AwayBookRisk, away);
                AssertValue(Books.DrawBookRisk, draw);
            }
            AssertValue(Books.HomeBackL1, await data.ValueAsync(2, HomeBackL1, Ct));
            Assert.Null(await data.ValueAsync(2, DrawBackL1, Ct));
            dumps.Add((type, await TableDump.DerivedAsync(db.Store, Ct), result));
        }
        Assert.All(dumps, d => Assert.Equal(dumps[0].Dump, d.Dump));
    }

    private async Task<double?[]> L1Async(long id)
    {
        var values = new List<double?>();
        foreach (var column in new[] { HomeBackL1, HomeLayL1, AwayBackL1, AwayLayL1, DrawBackL1, DrawLayL1 })
            values.Add(await Data.ValueAsync(id, column, Ct));
        return values.ToArray();
    }

}
