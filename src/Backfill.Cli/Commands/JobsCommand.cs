using System.CommandLine;
using Backfill.Cli.Output;
using Backfill.Core.Reports;

namespace Backfill.Cli.Commands;

public static class JobsCommand
{
    private static readonly Argument<string?> Name = new("job")
    {
        Description = "Show this job's definition (YAML you can copy into a --jobs folder to make your own).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Create() => CommandFactory.Make("jobs", "List the jobs (built-in and from --jobs), or show one job's definition.",
        (ctx, ct) =>
        {
            var catalog = ctx.Catalog();
            if (ctx.Parse.GetValue(Name) is { } name)
            {
                var job = catalog.Get(name);
                if (ctx.Json) JsonOut.Write(job);
                else Console.Write(job.Yaml);
                return Task.FromResult(ExitCodes.Ok);
            }
            if (ctx.Json)
            {
                JsonOut.Write(catalog.All.Select(j => new { j.Name, j.Description, j.Processor, target = j.Target.Table, columns = j.Target.Columns.Select(c => c.Column), j.Origin }));
                return Task.FromResult(ExitCodes.Ok);
            }
            var sb = new System.Text.StringBuilder();
            Markdown.Table(sb, ["Job", "Columns", "Target", "Description"], catalog.All.Select(j => (IReadOnlyList<string>)
                [j.Name, j.Target.Columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), j.Target.Table, j.Description]));
            Console.Write(sb);
            Console.WriteLine("Show a job's definition with 'backfill jobs NAME'; copy it into a folder and pass --jobs DIR to add your own.");
            return Task.FromResult(ExitCodes.Ok);
        }, Name);
}
