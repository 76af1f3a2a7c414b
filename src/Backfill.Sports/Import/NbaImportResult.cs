namespace Backfill.Sports.Import;

/// <summary>A line of an input file that was not imported, and why (line numbers count the header as line 1).</summary>
public sealed record RejectedLine(string File, long Line, string Reason);

/// <summary>
/// What an import did. "Read" counts valid data lines, "inserted" the rows that were new (a re-import inserts 0);
/// GamesDerived counts schedule rows built from player logs for games no games file supplied.
/// </summary>
public sealed record NbaImportResult(
    IReadOnlyList<string> Files,
    long GamesRead,
    long GamesInserted,
    long GamesDerived,
    long LogsRead,
    long LogsInserted,
    IReadOnlyList<RejectedLine> Rejected);
