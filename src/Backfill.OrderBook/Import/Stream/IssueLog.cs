namespace Backfill.OrderBook.Import.Stream;

/// <summary>Collects issues with the file and line being processed; counts all, keeps the first few.</summary>
internal sealed class IssueLog(int maxKept)
{
    private readonly List<ReplayIssue> _kept = [];
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public string File { get; set; } = "";

    public long Line { get; set; }

    public IReadOnlyList<ReplayIssue> Kept => _kept;

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Report(string kind, string message)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        if (_kept.Count < maxKept)
        {
            _kept.Add(new ReplayIssue(File, Line, kind, message));
        }
    }
}
