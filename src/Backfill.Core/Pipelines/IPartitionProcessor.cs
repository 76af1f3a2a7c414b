namespace Backfill.Core.Pipelines;

/// <summary>
/// Computes every row of one date partition of its table. The engine replaces the partition with the rows in one
/// transaction, so running a date twice gives the same table; the processor never writes.
/// </summary>
public interface IPartitionProcessor
{
    PartitionProcessorSpec Spec { get; }

    /// <summary>Output columns, in the order of each row's values.</summary>
    IReadOnlyList<string> Columns { get; }

    Task<PartitionOutput> ComputeAsync(PartitionContext context, CancellationToken ct);
}

/// <summary>The rows of one partition and how many input rows were read to compute them.</summary>
public sealed record PartitionOutput(IReadOnlyList<object?[]> Rows, long RowsRead);

/// <summary>What a processor gets for one slot: the date, its season, and read access to the database.</summary>
public sealed record PartitionContext(DateOnly Date, Season Season, IPartitionReader Reader);
