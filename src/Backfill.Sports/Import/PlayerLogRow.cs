namespace Backfill.Sports.Import;

/// <summary>
/// One row of nba_player_game_logs, as in the file: MIN stays the raw text (parsing it is phase 3's job); an empty
/// field, which CSV cannot tell from a missing one, is stored as NULL.
/// </summary>
internal sealed record PlayerLogRow(
    string GameId, long PlayerId, long? SeasonId, string? SeasonLabel, string? PlayerName,
    long TeamId, string? TeamAbbr, string? TeamName, DateOnly GameDate, string? Matchup, string? Wl, string? Min,
    IReadOnlyList<long?> Stats)
{
    /// <summary>File columns of the box-score counts, in the order of <see cref="Schema.SportsTables.PlayerLogStatColumns"/>.</summary>
    private static readonly string[] StatCsvColumns =
        ["PTS", "FGM", "FGA", "FG3M", "FG3A", "FTM", "FTA", "OREB", "DREB", "REB", "AST", "STL", "BLK", "TOV", "PF", "PLUS_MINUS"];

    public static readonly string[] CsvColumns =
        ["SEASON_ID", "PLAYER_ID", "PLAYER_NAME", "TEAM_ID", "TEAM_ABBREVIATION", "TEAM_NAME", "GAME_ID", "GAME_DATE", "MATCHUP", "WL", "MIN",
         .. StatCsvColumns];

    public long? Points => Stats[0];

    public static PlayerLogRow FromCsv(CsvRow r) => new(
        r.RequiredText("GAME_ID"), r.RequiredLong("PLAYER_ID"), r.NullableLong("SEASON_ID"), SeasonLabelOf(r), r.Text("PLAYER_NAME"),
        r.RequiredLong("TEAM_ID"), r.Text("TEAM_ABBREVIATION"), r.Text("TEAM_NAME"), r.RequiredDate("GAME_DATE"), r.Text("MATCHUP"), r.Text("WL"), r.Text("MIN"),
        StatCsvColumns.Select(r.NullableLong).ToArray());

    /// <summary>Values in the order of the nba_player_game_logs columns.</summary>
    public object?[] Values() =>
        [GameId, PlayerId, SeasonId, SeasonLabel, PlayerName, TeamId, TeamAbbr, GameDate, Matchup, Wl, Min, .. Stats.Select(s => (object?)s)];

    /// <summary>SEASON_LABEL is optional (the API's own exports lack it); the season id says the same thing.</summary>
    private static string? SeasonLabelOf(CsvRow r) =>
        r.Text("SEASON_LABEL") ?? (r.NullableLong("SEASON_ID") is { } id ? SeasonIds.ToLabel(id) : null);
}
