namespace Backfill.Core.Processing;

public enum OutcomeKind { Computed, Skipped, Error }

/// <summary>What happened to one row: values computed, skipped for a reason, or an error. A value, not an exception.</summary>
public readonly record struct RowOutcome(OutcomeKind Kind, string? Reason = null, string? Message = null)
{
    public static RowOutcome Computed => new(OutcomeKind.Computed);
    public static RowOutcome Skip(string reason) => new(OutcomeKind.Skipped, reason);
    public static RowOutcome Fail(string reason, string message) => new(OutcomeKind.Error, reason, message);
}
