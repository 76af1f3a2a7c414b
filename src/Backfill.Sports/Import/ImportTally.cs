namespace Backfill.Sports.Import;

/// <summary>Running counts of an import, across its files.</summary>
internal sealed class ImportTally
{
    private readonly List<string> _files = [];
    private readonly List<RejectedLine> _rejected = [];

    public long GamesRead { get; set; }
    public long GamesInserted { get; set; }
    public long GamesDerived { get; set; }
    public long LogsRead { get; set; }
    public long LogsInserted { get; set; }

    public void AddFile(string path) => _files.Add(path);

    public void Reject(string file, long line, string reason) => _rejected.Add(new RejectedLine(file, line, reason));

    public NbaImportResult ToResult() => new(_files.ToList(), GamesRead, GamesInserted, GamesDerived, LogsRead, LogsInserted, _rejected.ToList());
}
