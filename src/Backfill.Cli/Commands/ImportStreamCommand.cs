using System.CommandLine;

namespace Backfill.Cli.Commands;

public static partial class ImportCommand
{
    private static Command Stream() => new("stream", "Exchange Stream recordings (coming with the stream replayer).");
}
