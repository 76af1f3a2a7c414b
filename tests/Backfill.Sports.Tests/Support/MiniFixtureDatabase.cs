using Backfill.Core.Pipelines;
using Backfill.Sports.Analytics;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;

namespace Backfill.Sports.Tests.Support;

/// <summary>
/// The real mini fixture imported into a temp SQLite file, with phase 3 (player and team summaries) computed for
/// every scheduled date, so phase 4 tests can run any date. Built once for the processor tests.
/// </summary>
public sealed class MiniFixtureDatabase : IAsyncLifetime
{
    private TempSqlite? _db;

    internal TempSqlite Db => _db ?? throw new InvalidOperationException("Fixture not initialised.");

    public IReadOnlyList<(DateOnly Date, string Season)> Schedule { get; private set; } = [];

    public PartitionCalendar Calendar => new(Schedule);

    public SqlPartitionReader Reader => new(Db.Store);

    public async Task InitializeAsync()
    {
        _db = await TempSqlite.CreateAsync();
        await NbaImporter.ImportAsync(_db.Store, NbaData.MiniFixture, CancellationToken.None);
        Schedule = await Reader.QueryAsync($"SELECT DISTINCT game_date, season FROM {SportsTables.Games} ORDER BY game_date",
            r => (Values.Date(r, 0), r.GetString(1)), CancellationToken.None);
        IPartitionProcessor[] phase3 = [new PlayerGameSummaryProcessor(), new TeamOffenseGameSummaryProcessor(), new TeamDefenseGameSummaryProcessor()];
        foreach (var (date, _) in Schedule)
            foreach (var processor in phase3)
                await RunAsync(processor, date);
    }

    /// <summary>Computes the processor's partition for the date, stores it as the engine would, and returns it.</summary>
    public Task<PartitionOutput> RunAsync(IPartitionProcessor processor, DateOnly date) =>
        PartitionWriter.RunAsync(Db.Store, processor, date, Calendar.SeasonOf(date));

    /// <summary>Computes without storing.</summary>
    public Task<PartitionOutput> ComputeAsync(IPartitionProcessor processor, DateOnly date) =>
        processor.ComputeAsync(new PartitionContext(date, Calendar.SeasonOf(date), Reader), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MiniFixtureCollection : ICollectionFixture<MiniFixtureDatabase>
{
    public const string Name = "mini fixture database";
}
