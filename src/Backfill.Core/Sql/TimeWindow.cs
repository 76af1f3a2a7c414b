namespace Backfill.Core.Sql;

/// <summary>A half-open UTC window [From, To); either end may be open.</summary>
public sealed record TimeWindow(DateTime? From, DateTime? To)
{
    public static TimeWindow All { get; } = new(null, null);

    public TimeWindow Validate() =>
        From is { } f && To is { } t && t <= f
            ? throw new ArgumentException($"--to ({t:O}) must be after --from ({f:O}).")
            : this;
}
