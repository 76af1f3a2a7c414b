using System.CommandLine;
using System.Text;
using Backfill.Cli.Output;
using Backfill.Core.Sql;
using Backfill.Sports.Import;
using Backfill.Sports.Schema;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Commands;

public static partial class ImportCommand
{
    private static Command Nba()
    {
        var path = new Argument<string>("path") { Description = "The nba data folder (player_game_logs/player_logs_<season>.csv and games/games_from_player_logs_<season>.csv), or one such CSV file." };
        return CommandFactory.Make("nba",
            "NBA box scores: player game logs (raw phase, minutes kept as the text given) and the games schedule; games missing from the schedule files are "
            + "rebuilt from the logs. Malformed lines are reported with their line number and skipped; re-importing adds nothing.",
            async (ctx, ct) =>
            {
                await using var store = await ctx.OpenStoreAsync(ct);
                if (!await store.Dialect.TableExistsAsync(store.Connection, SportsTables.PlayerGameLogs, ct))
                    throw new SchemaException($"Table '{SportsTables.PlayerGameLogs}' does not exist in {store.Describe()}. Run 'backfill migrate' first.");
                var result = await NbaImporter.ImportAsync(store, ctx.Parse.GetValue(path)!, ct);
                if (ctx.Json) JsonOut.Write(result);
                else Console.Write(Render(result));
                return ExitCodes.Ok;
            }, path);
    }

    internal static string Render(NbaImportResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Imported NBA box scores from {r.Files.Count} file(s):");
        Table(sb, ["What", "Read", "New", "Already present"],
        [
            ["games", N(r.GamesRead), N(r.GamesInserted), N(r.GamesRead - r.GamesInserted)],
            ["player game logs", N(r.LogsRead), N(r.LogsInserted), N(r.LogsRead - r.LogsInserted)],
        ]);
        if (r.GamesDerived > 0) sb.AppendLine($"{N(r.GamesDerived)} games rebuilt from the logs (no schedule file had them).");
        if (r.Rejected.Count > 0)
        {
            sb.AppendLine($"{N(r.Rejected.Count)} line(s) rejected:");
            foreach (var x in r.Rejected.Take(20)) sb.AppendLine($"- {Path.GetFileName(x.File)} line {x.Line}: {x.Reason}");
        }
        return sb.ToString();
    }
}
