using System.Text.Json;
using Backfill.Sports.Parsing;

namespace Backfill.Sports.Tests.Support;

/// <summary>Field values of the real nba_api responses, as the text a feed would hand the parser (JSON null as null).</summary>
internal static class ApiSamples
{
    /// <summary>Rows of a stats.nba.com result set ({"resultSets": [{"name", "headers", "rowSet"}]}), by header name.</summary>
    public static List<Dictionary<string, string?>> ResultSet(string file, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(NbaData.ApiSample(file)));
        var set = doc.RootElement.GetProperty("resultSets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        var headers = set.GetProperty("headers").EnumerateArray().Select(h => h.GetString()!).ToList();
        return set.GetProperty("rowSet").EnumerateArray()
            .Select(row => row.EnumerateArray().Select((v, i) => (headers[i], Text(v))).ToDictionary(x => x.Item1, x => x.Item2))
            .ToList();
    }

    /// <summary>Players of a v3 or live box score (homeTeam/awayTeam.players), with their statistics, by name.</summary>
    public static List<(string Name, string? Comment, Dictionary<string, string?> Statistics)> Players(string file, string? root = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(NbaData.ApiSample(file)));
        var game = root is null ? doc.RootElement : doc.RootElement.GetProperty(root);
        return new[] { "homeTeam", "awayTeam" }
            .SelectMany(team => game.GetProperty(team).GetProperty("players").EnumerateArray())
            .Select(p => (Name(p), p.TryGetProperty("comment", out var c) ? c.GetString() : null, Statistics(p)))
            .ToList();
    }

    /// <summary>Team statistics of a v3 or live box score, home first.</summary>
    public static List<Dictionary<string, string?>> Teams(string file, string? root = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(NbaData.ApiSample(file)));
        var game = root is null ? doc.RootElement : doc.RootElement.GetProperty(root);
        return new[] { "homeTeam", "awayTeam" }.Select(team => Statistics(game.GetProperty(team))).ToList();
    }

    /// <summary>Rows of a docs output table (a CSV file under docs_output_tables), by header name.</summary>
    public static List<Dictionary<string, string>> DocsTable(string file)
    {
        var lines = File.ReadAllLines(NbaData.ApiSample("docs_output_tables", file));
        var headers = CsvLine.Parse(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => CsvLine.Parse(l).Select((v, i) => (headers[i], v)).ToDictionary(x => x.Item1, x => x.v))
            .ToList();
    }

    private static string Name(JsonElement player) =>
        player.TryGetProperty("name", out var n) ? n.GetString()! : $"{player.GetProperty("firstName").GetString()} {player.GetProperty("familyName").GetString()}";

    private static Dictionary<string, string?> Statistics(JsonElement owner) =>
        owner.GetProperty("statistics").EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value));

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    };
}
