using Backfill.Core.Jobs;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.OrderBook.Demo;
using Backfill.OrderBook.Seeding;
using Xunit;

namespace Backfill.Testing.Behaviour;

/// <summary>
/// The engine's behaviour, the same for every store: each store's test project adds a one-line sealed
/// subclass that names its <see cref="StoreFactory"/>. Every test gets a fresh, migrated database.
/// </summary>
public abstract partial class EngineBehaviour(StoreFactory factory) : IAsyncLifetime
{
    protected const string HomeRisk = "home_book_risk_l3";
    protected const string AwayRisk = "away_book_risk_l3";
    protected const string DrawRisk = "draw_book_risk_l3";
    protected const double Sentinel = 999;

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private TestDatabase? _db;

    protected static OrderBookPack Pack { get; } = new();
    protected static JobSpec BookRisk { get; } = Pack.Jobs.Single(j => j.Name == "book-risk-l3");
    protected static JobSpec L1Sizes { get; } = Pack.Jobs.Single(j => j.Name == "l1-sizes");
    protected static JobSpec AllMetrics { get; } = Pack.Jobs.Single(j => j.Name == "all-metrics");

    protected StoreFactory Factory => factory;
    protected TestDatabase Db => _db ?? throw new InvalidOperationException("The test database is not created yet.");
    protected SqlStore Store => Db.Store;
    protected OrderBookData Data => new(Store);
    protected CancellationToken Ct => _timeout.Token;
    protected JobCatalog Catalog { get; } = NewCatalog();

    public async Task InitializeAsync() => _db = await factory.CreateAsync(Ct);

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
        _timeout.Dispose();
    }

    protected static JobCatalog NewCatalog(params IProcessor[] extra)
    {
        var registry = new ProcessorRegistry().Add(new OrderBookProcessor());
        foreach (var processor in extra) registry.Add(processor);
        var catalog = new JobCatalog(registry);
        foreach (var job in Pack.Jobs) catalog.Add(job);
        return catalog;
    }

    protected Task<RunResult> RunAsync(RunRequest request, IProgress<RunProgress>? progress = null, CancellationToken? ct = null) =>
        RunAsync(Store, Catalog, request, progress, ct);

    protected Task<RunResult> RunAsync(SqlStore store, JobCatalog catalog, RunRequest request, IProgress<RunProgress>? progress = null, CancellationToken? ct = null) =>
        new BackfillRunner(store, catalog, TimeProvider.System).RunAsync(request, progress, ct ?? Ct);

    /// <summary>A market with metadata (home/away/draw = the <see cref="Books"/> runners).</summary>
    protected Task AddMarketAsync(string marketId = OrderBookData.Market) => Data.AddMarketAsync(marketId, Ct);

    /// <summary>The generated demo (4 markets, 800 snapshots, the seeds' damage) in the payload column as migrated.</summary>
    protected async Task SeedDemoAsync(TestDatabase db)
    {
        var seeded = await new DemoSeeder(db.Store).SeedAsync(DemoOptions, Ct);
        Assert.NotNull(seeded);
    }

    protected static DemoOptions DemoOptions { get; } = new() { Markets = 4, TargetSnapshots = 800 };

    protected static void AssertValue(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, 2);
    }

    /// <summary>The three Book Risk L3 values of a derived row.</summary>
    protected async Task<(double? Home, double? Away, double? Draw)> RiskAsync(long id, SqlStore? store = null)
    {
        var data = new OrderBookData(store ?? Store);
        return (await data.ValueAsync(id, HomeRisk, Ct), await data.ValueAsync(id, AwayRisk, Ct), await data.ValueAsync(id, DrawRisk, Ct));
    }

    protected async Task AssertWorkedExampleAsync(long id)
    {
        var (home, away, draw) = await RiskAsync(id);
        AssertValue(Books.HomeBookRisk, home);
        AssertValue(Books.AwayBookRisk, away);
        AssertValue(Books.DrawBookRisk, draw);
    }

    protected static Dictionary<string, long> Reasons(params (string Reason, long Count)[] reasons) =>
        reasons.ToDictionary(r => r.Reason, r => r.Count, StringComparer.Ordinal);

    protected static void AssertReasons(IReadOnlyDictionary<string, long> actual, params (string Reason, long Count)[] expected) =>
        Assert.Equal(Reasons(expected).OrderBy(r => r.Key, StringComparer.Ordinal), actual.OrderBy(r => r.Key, StringComparer.Ordinal));
}
