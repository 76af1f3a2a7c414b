using System.CommandLine;
using Backfill.Cli;
using Backfill.Cli.Commands;

var root = new RootCommand("Backfill: recompute derived data from raw data, safely, in the database you already run.")
{
    CommonOptions.Db, CommonOptions.Json, CommonOptions.Jobs,
};
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(JobsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RetryCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(StatusCommand.Create("status", "Unfinished and recent runs with their counts and state."));
root.Subcommands.Add(StatusCommand.Create("history", "Every recorded run of every job, newest first."));
root.Subcommands.Add(ReportCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One clear line and the usage-error code, not the whole help text and exit 1 ("check failed").
    var command = string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : new[] { parse.CommandResult.Command.Name });
    await Console.Error.WriteLineAsync($"error: {UsageErrors.Readable(parse.Errors[0].Message)} (see 'backfill {command}{(command.Length > 0 ? " " : "")}--help')");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
