using System.CommandLine;
using Backfill.Cli;
using Backfill.Cli.Commands;

var root = new RootCommand("Backfill: recompute derived data from raw data, safely, in the database you already run.")
{
    CommonOptions.Db, CommonOptions.Json, CommonOptions.Jobs,
};
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(JobsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(StatusCommand.Create("status", "Unfinished and recent runs with their counts and state."));
root.Subcommands.Add(StatusCommand.Create("history", "Every recorded run of every job, newest first."));
root.Subcommands.Add(ReportCommand.Create());

return await root.Parse(args).InvokeAsync();
