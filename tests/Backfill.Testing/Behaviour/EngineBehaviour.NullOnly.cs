using Backfill.Core.Runs;
using Backfill.OrderBook.Schema;
using Xunit;
using static Backfill.Testing.Behaviour.OrderBookData;

namespace Backfill.Testing.Behaviour;

/// <summary>Behaviour 1: the engine only ever fills NULLs; a value someone else wrote always survives.</summary>
public abstract partial class EngineBehaviour
{
    [Fact]
    public async Task Values_already_present_are_never_overwritten_only_null_columns_are_filled()
    {
        await AddMarketAsync();
        await Data.AddSnapshotAsync(1, Market, Books.WorkedExample(Market), Ct);
        await Data.AddDerivedAsync(1, Market, Ct, (HomeRisk, Sentinel));
        await Data.AddCandidateAsync(2, Market, Books.WorkedExample(Market), Ct);
        await Data.AddSnapshotAsync(3, Market, Books.WorkedExample(Market), Ct);
        await Data.AddDerivedAsync(3, Market, Ct, (HomeRisk, Sentinel), (AwayRisk, Sentinel), (DrawRisk, Sentinel));
        await Data.AddSnapshotAsync(4, Market, Books.WorkedExample(Market), Ct);
        await Data.AddDerivedAsync(4, Market, Ct, (DrawRisk, Sentinel));

        var result = await RunAsync(new RunRequest { Job = BookRisk });

        Assert.Equal(3, result.Processed); // snapshot 3 has no NULL left: not a candidate
        Assert.Equal(3, result.Updated);
        Assert.Equal(0, result.Skipped);
        Assert.Equal((Sentinel, Books.AwayBookRisk, Books.DrawBookRisk), Rounded(await RiskAsync(1)));
        Assert.Equal((Books.HomeBookRisk, Books.AwayBookRisk, Books.DrawBookRisk), Rounded(await RiskAsync(2)));
        Assert.Equal((Sentinel, Sentinel, Sentinel), Rounded(await RiskAsync(3)));
        Assert.Equal((Books.HomeBookRisk, Books.AwayBookRisk, Sentinel), Rounded(await RiskAsync(4)));
    }

    [Fact]
    public async Task A_value_written_by_another_connection_during_the_run_survives_and_the_rest_of_its_row_is_filled()
    {
        await AddMarketAsync();
        for (var id = 1; id <= 6; id++) await Data.AddCandidateAsync(id, Market, Books.WorkedExample(Market), Ct);
        await using var ingestion = await Db.ConnectAgainAsync(Ct);
        var written = 0;
        // After batch 1 (snapshots 1-2) commits, "live ingestion" writes away risk of snapshot 5, still NULL then.
        var progress = new InlineProgress<RunProgress>(p =>
        {
            if (p.Processed != 2) return;
            using var cmd = ingestion.Command($"UPDATE {OrderBookMigrations.Derived} SET {AwayRisk} = @v WHERE snapshot_id = 5 AND {AwayRisk} IS NULL", null, ("@v", Sentinel));
            written += cmd.ExecuteNonQuery();
        });

        var result = await RunAsync(new RunRequest { Job = BookRisk, BatchSize = 2 }, progress);

        Assert.Equal(1, written);
        Assert.Equal(6, result.Processed);
        Assert.Equal(6, result.Updated); // snapshot 5 is still updated: home and draw were NULL
        Assert.Equal(0, result.Skipped);
        Assert.Equal((Books.HomeBookRisk, Sentinel, Books.DrawBookRisk), Rounded(await RiskAsync(5)));
        foreach (var id in new[] { 1, 2, 3, 4, 6 }) await AssertWorkedExampleAsync(id);
    }

    [Fact]
    public async Task Rows_filled_between_the_read_and_the_write_are_not_overwritten_and_are_counted_filled_concurrently()
    {
        const string raceUpdate = "1.901", raceInsert = "1.902";
        foreach (var market in new[] { Market, raceUpdate, raceInsert }) await AddMarketAsync(market);
        await Data.AddCandidateAsync(1, Market, Books.WorkedExample(Market), Ct);
        await Data.AddCandidateAsync(2, raceUpdate, Books.WorkedExample(raceUpdate), Ct);
        await Data.AddSnapshotAsync(3, raceInsert, Books.WorkedExample(raceInsert), Ct); // no derived row yet
        await Data.AddCandidateAsync(4, Market, Books.WorkedExample(Market), Ct);
        await using var ingestion = await Db.ConnectAgainAsync(Ct);
        var raced = new HashSet<string>();
        // Called after the batch was read and before it is written: ingestion fills snapshot 2 and creates snapshot 3's row.
        var processor = new InterceptingProcessor(new Backfill.OrderBook.OrderBookProcessor(), payload =>
        {
            var text = payload as string ?? "";
            if (text.Contains(raceUpdate, StringComparison.Ordinal) && raced.Add(raceUpdate))
                Execute(ingestion, $"UPDATE {OrderBookMigrations.Derived} SET {HomeRisk} = @v, {AwayRisk} = @v, {DrawRisk} = @v WHERE snapshot_id = 2", Sentinel);
            if (text.Contains(raceInsert, StringComparison.Ordinal) && raced.Add(raceInsert))
                Execute(ingestion, $"INSERT INTO {OrderBookMigrations.Derived} (snapshot_id, market_id, {HomeRisk}, {AwayRisk}, {DrawRisk}) VALUES (3, '{raceInsert}', @v, @v, @v)", Sentinel);
        });
        var job = BookRisk with { Name = "book-risk-raced", Processor = InterceptingProcessor.ProcessorName };
        var catalog = NewCatalog(processor).Add(job);

        var result = await RunAsync(Store, catalog, new RunRequest { Job = job });

        Assert.Equal(2, raced.Count);
        Assert.Equal(4, result.Processed);
        Assert.Equal(2, result.Updated);
        Assert.Equal(0, result.Inserted);
        AssertReasons(result.Reasons, ("skipped:filled_concurrently", 2));
        AssertReasons(result.Run!.Reasons, ("skipped:filled_concurrently", 2));
        Assert.Equal((Sentinel, Sentinel, Sentinel), Rounded(await RiskAsync(2)));
        Assert.Equal((Sentinel, Sentinel, Sentinel), Rounded(await RiskAsync(3)));
        await AssertWorkedExampleAsync(1);
        await AssertWorkedExampleAsync(4);
    }

    private static void Execute(Backfill.Core.Sql.SqlStore store, string sql, double value)
    {
        using var cmd = store.Command(sql, null, ("@v", value));
        Assert.Equal(1, cmd.ExecuteNonQuery());
    }

    private static (double?, double?, double?) Rounded((double? Home, double? Away, double? Draw) v) =>
        (Round(v.Home), Round(v.Away), Round(v.Draw));

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 2) : null;
}
