using Backfill.Core.Pipelines;

namespace Backfill.Sports.Tests.Support;

/// <summary>Reads a processor's output rows by column name.</summary>
internal static class OutputRows
{
    public static IReadOnlyDictionary<string, object?> Single(IPartitionProcessor processor, PartitionOutput output, Func<IReadOnlyDictionary<string, object?>, bool> match) =>
        Assert.Single(All(processor, output), r => match(r));

    public static List<IReadOnlyDictionary<string, object?>> All(IPartitionProcessor processor, PartitionOutput output) =>
        output.Rows.Select(row =>
        {
            Assert.Equal(processor.Columns.Count, row.Length);
            return (IReadOnlyDictionary<string, object?>)processor.Columns.Select((c, i) => (c, row[i])).ToDictionary(x => x.c, x => x.Item2);
        }).ToList();
}
