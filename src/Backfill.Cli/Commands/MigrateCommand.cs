using System.CommandLine;
using Backfill.Cli.Output;

namespace Backfill.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create() => CommandFactory.Make("migrate",
        "Create or upgrade the schema (order-book tables, metric columns, the engine's ledger). Idempotent; applied versions are recorded.",
        async (ctx, ct) =>
        {
            await using var store = await ctx.OpenStoreAsync(ct, create: true);
            var applied = await store.MigrateAsync(CliContext.AllMigrations, ct);
            var all = await store.AppliedMigrationsAsync(ct);
            if (ctx.Json)
            {
                JsonOut.Write(new { database = store.Describe(), appliedNow = applied.Select(m => m.Id), versions = all.Keys });
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{store.Describe()}: {(applied.Count == 0 ? "schema is up to date" : $"applied {applied.Count} migration(s)")}.");
            foreach (var m in applied) Console.WriteLine($"  + {m.Id}  {m.Description}");
            Console.WriteLine($"Recorded versions: {string.Join(", ", all.Keys)}");
            return ExitCodes.Ok;
        });
}
