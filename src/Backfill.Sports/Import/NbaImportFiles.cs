namespace Backfill.Sports.Import;

/// <summary>The files an import reads: schedules first (so they win over games rebuilt from logs), then player logs.</summary>
internal sealed record NbaImportFiles(IReadOnlyList<string> Games, IReadOnlyList<string> Logs)
{
    public const string GamesPattern = "games/games_from_player_logs_*.csv";
    public const string LogsPattern = "player_game_logs/player_logs_*.csv";

    /// <summary>A data folder (with games/ and player_game_logs/), or a single CSV file recognised by its header.</summary>
    public static async Task<NbaImportFiles> FindAsync(string path, CancellationToken ct)
    {
        if (File.Exists(path)) return await ClassifyAsync(path, ct);
        if (!Directory.Exists(path))
        {
            return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? throw new FileNotFoundException($"NBA file '{path}' does not exist.", path)
                : throw new DirectoryNotFoundException($"NBA data folder '{path}' does not exist.");
        }
        var games = InFolder(path, GamesPattern);
        var logs = InFolder(path, LogsPattern);
        if (games.Count == 0 && logs.Count == 0)
            throw new FileNotFoundException($"No NBA files in '{path}': expected {GamesPattern} and/or {LogsPattern}.", path);
        return new NbaImportFiles(games, logs);
    }

    private static List<string> InFolder(string folder, string pattern)
    {
        var dir = Path.Combine(folder, Path.GetDirectoryName(pattern)!);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, Path.GetFileName(pattern)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static async Task<NbaImportFiles> ClassifyAsync(string file, CancellationToken ct)
    {
        var header = await CsvFile.ReadHeaderAsync(file, ct);
        if (header is not null && !header.Missing(PlayerLogRow.CsvColumns).Any()) return new([], [file]);
        if (header is not null && !header.Missing(GameRow.CsvColumns).Any()) return new([file], []);
        throw new InvalidDataException(
            $"'{file}' is neither a player-log file (columns {string.Join(",", PlayerLogRow.CsvColumns)}) nor a games file (columns {string.Join(",", GameRow.CsvColumns)}).");
    }
}
