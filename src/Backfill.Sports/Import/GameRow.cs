namespace Backfill.Sports.Import;

/// <summary>One row of nba_games: a scheduled game with its home and away sides and final score.</summary>
internal sealed record GameRow(
    string GameId, DateOnly GameDate, string Season, long? SeasonId,
    long HomeTeamId, string? HomeTeamAbbr, string? HomeTeamName,
    long AwayTeamId, string? AwayTeamAbbr, string? AwayTeamName,
    long? HomePts, long? AwayPts)
{
    public static readonly string[] CsvColumns =
        ["game_id", "game_date", "season", "season_id", "home_team_id", "home_team_abbr", "home_team_name",
         "away_team_id", "away_team_abbr", "away_team_name", "home_pts", "away_pts"];

    public static GameRow FromCsv(CsvRow r) => new(
        r.RequiredText("game_id"), r.RequiredDate("game_date"), r.RequiredText("season"), r.NullableLong("season_id"),
        r.RequiredLong("home_team_id"), r.Text("home_team_abbr"), r.Text("home_team_name"),
        r.RequiredLong("away_team_id"), r.Text("away_team_abbr"), r.Text("away_team_name"),
        r.NullableLong("home_pts"), r.NullableLong("away_pts"));

    /// <summary>Values in the order of the nba_games columns.</summary>
    public object?[] Values() =>
        [GameId, GameDate, Season, SeasonId, HomeTeamId, HomeTeamAbbr, HomeTeamName, AwayTeamId, AwayTeamAbbr, AwayTeamName, HomePts, AwayPts];
}
