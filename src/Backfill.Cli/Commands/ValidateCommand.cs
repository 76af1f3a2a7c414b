using System.CommandLine;
using System.Text;
using Backfill.Cli.Output;
using Backfill.Core.Sql;
using Backfill.Core.Validation;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.Cli.Commands;

public static class ValidateCommand
{
    private static readonly Argument<string> Job = new("job") { Description = "The job whose target columns to check." };
    private static readonly Option<string?> From = new("--from") { Description = "Only source rows at or after this UTC time (as for 'run')." };
    private static readonly Option<string?> To = new("--to") { Description = "Only source rows before this UTC time." };

    public static Command Create() => CommandFactory.Make("validate",
        "Post-checks: every NULL target value is recomputed; a NULL whose inputs exist is a failure (exit 1), any other NULL is listed with its reason.",
        async (ctx, ct) =>
        {
            var catalog = ctx.Catalog();
            var job = catalog.Get(ctx.Parse.GetValue(Job)!);
            await using var store = await ctx.OpenStoreAsync(ct);
            var window = new TimeWindow(RunCommand.ParseTime(ctx.Parse.GetValue(From), "--from"), RunCommand.ParseTime(ctx.Parse.GetValue(To), "--to")).Validate();
            var report = await new Validator(store, catalog).ValidateAsync(job, ct, window);
            if (ctx.Json) JsonOut.Write(new { report.Job, report.Passed, report.MissingDerivedRows, report.Columns });
            else Console.Write(Render(report));
            return report.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }, Job, From, To);

    private static string Render(ValidationReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Validation of job {r.Job}: {(r.Passed ? "PASSED" : "FAILED")}").AppendLine();
        Table(sb, ["Column", "NULL", "NULL with inputs present (must be 0)", "Expected NULLs by reason"], r.Columns.Select(c => (IReadOnlyList<string>)
        [
            c.Column, N(c.Nulls), N(c.Fillable) + (c.FillableSample.Count > 0 ? $" (e.g. keys {string.Join(", ", c.FillableSample.Take(5))})" : ""),
            c.ExpectedNullReasons.Count == 0 ? "—" : string.Join(", ", c.ExpectedNullReasons.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {N(x.Value)}")),
        ]));
        if (r.MissingDerivedRows > 0) sb.AppendLine($"Source rows without a derived row: {N(r.MissingDerivedRows)} (their columns count as NULL above).").AppendLine();
        if (!r.Passed) sb.AppendLine("Some NULLs can be filled from raw data: run the job (or resume it) and validate again.");
        return sb.ToString();
    }
}
