using System.CommandLine;

namespace Backfill.Cli.Commands;

public static class DemoCommand
{
    public static Command Create() => CommandFactory.Make("demo", "placeholder", (ctx, ct) => Task.FromResult(0));
}
