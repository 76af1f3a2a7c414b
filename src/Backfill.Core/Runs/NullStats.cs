namespace Backfill.Core.Runs;

/// <summary>
/// NULL counts of a job's target columns: over all source rows and over the most recent 7 days of
/// data, so an ongoing gap can be told from a historical one (seed 002).
/// </summary>
public sealed record NullStats
{
    public required NullCounts All { get; init; }
    public NullCounts? Recent { get; init; }
    /// <summary>Start of the recent window (7 days before the newest source row).</summary>
    public DateTime? RecentSince { get; init; }
}

public sealed record NullCounts
{
    /// <summary>Source rows in scope.</summary>
    public long SourceRows { get; init; }
    /// <summary>Of those, rows that have a derived row.</summary>
    public long DerivedRows { get; init; }
    /// <summary>NULLs per target column among derived rows.</summary>
    public IReadOnlyDictionary<string, long> Nulls { get; init; } = new Dictionary<string, long>();

    public long MissingDerivedRows => SourceRows - DerivedRows;

    public double NullPercent(string column) =>
        DerivedRows == 0 ? 0 : 100.0 * Nulls.GetValueOrDefault(column) / DerivedRows;
}
