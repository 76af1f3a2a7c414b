using System.Reflection;
using Backfill.Core.Jobs;
using Backfill.Core.Packs;
using Backfill.Core.Processing;
using Backfill.Core.Schema;
using Backfill.OrderBook.Schema;

namespace Backfill.OrderBook;

/// <summary>The order-book pack: Betfair market snapshots, their metrics, and the seeds' jobs.</summary>
public sealed class OrderBookPack : IDomainPack
{
    public string Name => "orderbook";
    public IReadOnlyList<Migration> Migrations => OrderBookMigrations.All;
    public IReadOnlyList<IProcessor> Processors { get; } = [new OrderBookProcessor()];
    public IReadOnlyList<JobSpec> Jobs { get; } = LoadJobs();

    private static List<JobSpec> LoadJobs()
    {
        var assembly = typeof(OrderBookPack).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Backfill.OrderBook.Jobs.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => JobFileReader.Read(ReadResource(assembly, n), $"built-in {n["Backfill.OrderBook.Jobs.".Length..]}"))
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
