using System.CommandLine;
using Backfill.Cli.Output;
using Backfill.Core.Audit;

namespace Backfill.Cli.Commands;

public static class AuditCommand
{
    private static readonly Argument<string> Job = new("job")
    {
        Description = "Job to audit (default: all-metrics).",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "all-metrics",
    };

    public static Command Create() => CommandFactory.Make("audit",
        "What is missing and why: rows, NULLs per target column (all and last 7 days), rows without a derived row, eligibility tiers A/B/C. Writes nothing.",
        async (ctx, ct) =>
        {
            var catalog = ctx.Catalog();
            var job = catalog.Get(ctx.Parse.GetValue(Job)!);
            await using var store = await ctx.OpenStoreAsync(ct);
            var report = await new Auditor(store, catalog).AuditAsync(job, ct);
            if (ctx.Json) JsonOut.Write(report);
            else Console.Write(AuditPrinter.Render(report, store.Describe()));
            return ExitCodes.Ok;
        }, Job);
}
