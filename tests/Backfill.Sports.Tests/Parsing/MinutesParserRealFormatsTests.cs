using Backfill.Sports.Parsing;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Parsing;

/// <summary>One test per minutes format, each taking its sample from the real file that uses it.</summary>
public sealed class MinutesParserRealFormatsTests
{
    private const double Tolerance = 1e-9;
    private const string OvertimeV2 = "cassette_boxscoretraditionalv2_0022200552.json";
    private const string OvertimeV3 = "cassette_boxscoretraditionalv3_0022200552.json";
    private const string LiveBoxScore = "notebook_live_boxscore_0022000196.json";

    [Fact]
    public void Whole_minutes_of_the_season_player_logs_are_read_as_they_are()
    {
        var lines = File.ReadLines(NbaData.File("player_game_logs", "player_logs_2022-23.csv")).Take(2).ToList();
        var header = CsvLine.Parse(lines[0]);
        var booker = CsvLine.Parse(lines[1]);
        var min = booker[Index(header, "MIN")];

        Assert.Equal("17", min);
        Assert.Equal(17.0, MinutesParser.Parse(min));
    }

    [Fact]
    public void Clock_minutes_of_the_v2_box_score_become_decimal_minutes()
    {
        var players = ApiSamples.ResultSet(OvertimeV2, "PlayerStats");

        Assert.Equal("45:55", MinOf(players, "DeMar DeRozan"));
        Assert.Equal(45 + 55 / 60.0, MinutesParser.Parse(MinOf(players, "DeMar DeRozan"))!.Value, Tolerance);
    }

    [Fact]
    public void Single_digit_clock_minutes_of_the_v2_box_score_are_read()
    {
        var sixFortyEight = ApiSamples.ResultSet(OvertimeV2, "PlayerStats").Select(p => p["MIN"]).Single(m => m == "6:48");

        Assert.Equal(6.8, MinutesParser.Parse(sixFortyEight)!.Value, Tolerance);
    }

    [Fact]
    public void Team_minutes_of_an_overtime_game_are_265()
    {
        var teams = ApiSamples.ResultSet(OvertimeV2, "TeamStats");

        Assert.All(teams, t => Assert.Equal("265:00", t["MIN"]));
        Assert.All(teams, t => Assert.Equal(265.0, MinutesParser.Parse(t["MIN"])));
    }

    [Fact]
    public void Player_minutes_of_each_team_add_up_to_the_team_minutes_of_the_overtime_game()
    {
        var players = ApiSamples.ResultSet(OvertimeV2, "PlayerStats");

        // The feed rounds each player's time to the second, so a team's sum may be off by a second or two.
        foreach (var team in players.GroupBy(p => p["TEAM_ABBREVIATION"]))
            Assert.Equal(265.0, team.Sum(p => MinutesParser.Parse(p["MIN"]) ?? 0), 2 / 60.0);
    }

    [Fact]
    public void Did_not_play_rows_of_the_v2_box_score_have_null_minutes_and_a_DNP_comment_that_parses_to_null()
    {
        var dnp = ApiSamples.ResultSet(OvertimeV2, "PlayerStats").Where(p => p["COMMENT"]!.StartsWith("DNP", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, dnp.Count);
        Assert.Contains(dnp, p => p["COMMENT"] == "DNP - Coach's Decision");
        Assert.All(dnp, p => Assert.Null(p["MIN"]));
        Assert.All(dnp, p => Assert.Null(MinutesParser.Parse(p["MIN"])));
        Assert.All(dnp, p => Assert.Null(MinutesParser.Parse(p["COMMENT"])));
    }

    [Fact]
    public void Did_not_play_rows_of_the_v3_box_score_have_empty_minutes_that_parse_to_null()
    {
        var dnp = ApiSamples.Players(OvertimeV3, "boxScoreTraditional").Where(p => p.Comment!.StartsWith("DNP", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, dnp.Count);
        Assert.All(dnp, p => Assert.Equal("", p.Statistics["minutes"]));
        Assert.All(dnp, p => Assert.Null(MinutesParser.Parse(p.Statistics["minutes"])));
    }

    [Fact]
    public void Team_minutes_of_the_v3_box_score_are_read_like_v2()
    {
        var teams = ApiSamples.Teams(OvertimeV3, "boxScoreTraditional");

        Assert.All(teams, t => Assert.Equal(265.0, MinutesParser.Parse(t["minutes"])));
    }

    [Fact]
    public void Float_minutes_with_a_clock_suffix_of_the_docs_tables_are_read()
    {
        var prince = ApiSamples.DocsTable("boxscoretraditionalv2__PlayerStats.csv").Single(p => p["PLAYER_NAME"] == "Taurean Prince");

        Assert.Equal("29.000000:53", prince["MIN"]);
        Assert.Equal(29 + 53 / 60.0, MinutesParser.Parse(prince["MIN"])!.Value, Tolerance);
    }

    [Fact]
    public void Decimal_minutes_of_the_player_game_logs_docs_table_are_read()
    {
        var clark = ApiSamples.DocsTable("playergamelogs__PlayerGameLogs.csv").First(p => p["PLAYER_NAME"] == "Ian Clark");

        Assert.Equal("22.2317", clark["MIN"]);
        Assert.Equal(22.2317, MinutesParser.Parse(clark["MIN"])!.Value, Tolerance);
    }

    [Fact]
    public void Iso_durations_with_seconds_of_the_live_box_score_are_read()
    {
        var brown = ApiSamples.Players(LiveBoxScore).Single(p => p.Name == "Jaylen Brown");

        Assert.Equal("PT32M33.00S", brown.Statistics["minutes"]);
        Assert.Equal(32 + 33 / 60.0, MinutesParser.Parse(brown.Statistics["minutes"])!.Value, Tolerance);
    }

    [Fact]
    public void Iso_durations_with_fractional_seconds_of_the_live_box_score_are_read()
    {
        var thompson = ApiSamples.Players(LiveBoxScore).Single(p => p.Name == "Tristan Thompson");

        Assert.Equal("PT26M12.04S", thompson.Statistics["minutes"]);
        Assert.Equal(26 + 12.04 / 60, MinutesParser.Parse(thompson.Statistics["minutes"])!.Value, Tolerance);
    }

    [Fact]
    public void Iso_durations_of_whole_minutes_of_the_live_box_score_are_read()
    {
        var brown = ApiSamples.Players(LiveBoxScore).Single(p => p.Name == "Jaylen Brown");

        Assert.Equal("PT33M", brown.Statistics["minutesCalculated"]);
        Assert.Equal(33.0, MinutesParser.Parse(brown.Statistics["minutesCalculated"]));
    }

    [Fact]
    public void Inactive_players_of_the_live_box_score_have_zero_minutes()
    {
        var inactive = ApiSamples.Players(LiveBoxScore).Where(p => p.Name is "Carsen Edwards" or "Tacko Fall").ToList();

        Assert.Equal(2, inactive.Count);
        Assert.All(inactive, p => Assert.Equal(0.0, MinutesParser.Parse(p.Statistics["minutes"])));
    }

    [Fact]
    public void Every_minutes_value_of_every_real_sample_parses_without_throwing()
    {
        var values = new List<string?>();
        values.AddRange(ApiSamples.ResultSet(OvertimeV2, "PlayerStats").Select(p => p["MIN"]));
        values.AddRange(ApiSamples.ResultSet(OvertimeV2, "TeamStarterBenchStats").Select(p => p["MIN"]));
        values.AddRange(ApiSamples.Players(OvertimeV3, "boxScoreTraditional").Select(p => p.Statistics["minutes"]));
        values.AddRange(ApiSamples.Players(LiveBoxScore).SelectMany(p => new[] { p.Statistics["minutes"], p.Statistics["minutesCalculated"] }));
        values.AddRange(ApiSamples.DocsTable("boxscoretraditionalv2__PlayerStats.csv").Select(p => p["MIN"]));
        values.AddRange(ApiSamples.DocsTable("playergamelogs__PlayerGameLogs.csv").Select(p => p["MIN"]));

        var parsed = values.Select(MinutesParser.Parse).ToList();

        Assert.True(values.Count > 100, $"only {values.Count} minutes values found");
        Assert.All(values.Zip(parsed), v => Assert.True(v.Second is not null || string.IsNullOrEmpty(v.First), $"'{v.First}' did not parse"));
    }

    private static string? MinOf(List<Dictionary<string, string?>> players, string name) => players.Single(p => p["PLAYER_NAME"] == name)["MIN"];

    private static int Index(IReadOnlyList<string> header, string column) => header.ToList().IndexOf(column);
}
