namespace Backfill.Core.Throttling;

/// <summary>
/// Per-batch limits on PostgreSQL (<c>SET LOCAL</c> in the batch transaction): how long a statement may
/// wait for a row or table lock held by live traffic, and how long one statement may run. Null = leave
/// the server's setting alone; zero = no limit. A batch that exceeds one is rolled back and retried smaller.
/// </summary>
public sealed record BatchTimeouts(TimeSpan? LockTimeout, TimeSpan? StatementTimeout)
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromSeconds(30);

    public static BatchTimeouts None { get; } = new(null, null);

    public bool IsNone => LockTimeout is null && StatementTimeout is null;
}

/// <summary>Which limit a batch ran into.</summary>
public enum BatchTimeoutKind
{
    None,
    /// <summary>PostgreSQL 55P03 lock_not_available.</summary>
    LockTimeout,
    /// <summary>PostgreSQL 57014 query_canceled (statement_timeout).</summary>
    StatementTimeout,
}
