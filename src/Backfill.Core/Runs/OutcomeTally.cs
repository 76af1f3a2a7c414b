namespace Backfill.Core.Runs;

/// <summary>Running counts of row outcomes, per reason ("skipped:no_payload", "error:invalid_payload").</summary>
public sealed class OutcomeTally
{
    private readonly Dictionary<string, long> _reasons;

    /// <summary>Starts from a ledger's per-reason counts (a resumed run) or from zero.</summary>
    public OutcomeTally(IReadOnlyDictionary<string, long>? start = null)
    {
        _reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, n) in start ?? new Dictionary<string, long>()) Add(key, n);
    }

    public long Updated { get; private set; }
    public long Inserted { get; private set; }
    public long Skipped { get; private set; }
    public long Errors { get; private set; }

    public IReadOnlyDictionary<string, long> Reasons => _reasons;

    public void AddUpdated(long n) => Updated += n;
    public void AddInserted(long n) => Inserted += n;

    public void AddSkipped(string reason, long n = 1)
    {
        Skipped += n;
        Bump($"skipped:{reason}", n);
    }

    public void AddError(string reason, long n = 1)
    {
        Errors += n;
        Bump($"error:{reason}", n);
    }

    /// <summary>Adds another tally's counts (a committed batch into the run's).</summary>
    public void Add(OutcomeTally other)
    {
        Updated += other.Updated;
        Inserted += other.Inserted;
        foreach (var (key, n) in other._reasons) Add(key, n);
    }

    private void Add(string key, long n)
    {
        if (key.StartsWith("error:", StringComparison.Ordinal)) Errors += n;
        else Skipped += n;
        Bump(key, n);
    }

    private void Bump(string key, long n) => _reasons[key] = _reasons.GetValueOrDefault(key) + n;
}
