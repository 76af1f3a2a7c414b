using System.CommandLine;

namespace Backfill.Cli.Commands;

/// <summary>Builds a command whose action runs inside <see cref="CliContext.GuardAsync"/>.</summary>
public static class CommandFactory
{
    public static Command Make(string name, string description, Func<CliContext, CancellationToken, Task<int>> body, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option o: command.Options.Add(o); break;
                case Argument a: command.Arguments.Add(a); break;
                case Command c: command.Subcommands.Add(c); break;
            }
        }
        command.SetAction((parse, ct) => CliContext.GuardAsync(parse, body, ct));
        return command;
    }
}
