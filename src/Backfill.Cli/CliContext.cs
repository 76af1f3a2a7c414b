using System.CommandLine;
using System.Data.Common;
using Backfill.Core.Jobs;
using Backfill.Core.Packs;
using Backfill.Core.Pipelines;
using Backfill.Core.Processing;
using Backfill.Core.Runs;
using Backfill.Core.Schema;
using Backfill.Core.Sql;
using Backfill.OrderBook;
using Backfill.Postgres;
using Backfill.Sports;
using Backfill.Sqlite;

namespace Backfill.Cli;

/// <summary>What a command needs: the store named by --db, the packs, and the job catalog.</summary>
public sealed class CliContext
{
    public static IReadOnlyList<IDomainPack> Packs { get; } = [new OrderBookPack(), new SportsPack()];

    public required ParseResult Parse { get; init; }
    public bool Json => Parse.GetValue(CommonOptions.Json);
    public TimeProvider Clock { get; } = TimeProvider.System;

    public string DbArgument => Parse.GetValue(CommonOptions.Db) ?? Environment.GetEnvironmentVariable("BACKFILL_DB") ?? CommonOptions.DefaultDb;

    public static IEnumerable<Migration> AllMigrations => LedgerMigrations.All.Concat(Packs.SelectMany(p => p.Migrations));

    /// <param name="create">Only commands that build a schema may create a new SQLite file.</param>
    public async Task<SqlStore> OpenStoreAsync(CancellationToken ct, bool create = false) =>
        PostgresConnectionString.Looks(DbArgument)
            ? await PostgresStore.OpenAsync(DbArgument, Clock, ct)
            : await SqliteStore.OpenAsync(DbArgument, Clock, ct, create);

    public PipelineCatalog Pipelines() => new(Packs.SelectMany(p => p.Pipelines));

    public JobCatalog Catalog()
    {
        var processors = new ProcessorRegistry();
        foreach (var p in Packs.SelectMany(p => p.Processors)) processors.Add(p);
        var catalog = new JobCatalog(processors);
        foreach (var job in Packs.SelectMany(p => p.Jobs)) catalog.Add(job);
        if (Parse.GetValue(CommonOptions.Jobs) is { } folder) catalog.AddFolder(folder);
        return catalog;
    }

    /// <summary>Runs a command body and turns the failures a user can cause into a one-line message and an exit code.</summary>
    public static async Task<int> GuardAsync(ParseResult parse, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var context = new CliContext { Parse = parse };
        try
        {
            return await body(context, ct);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted: the last committed batch is the checkpoint; continue with --resume.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is JobSpecException or ArgumentException or FormatException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is SchemaException or StoreUnavailableException or DbException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {RunFailure.Describe(e)}");
            return ExitCodes.Database;
        }
        catch (Exception e) when (e is InvalidOperationException or CheckpointConflictException)
        {
            await Console.Error.WriteLineAsync($"error: {RunFailure.Describe(e)}");
            return ExitCodes.RunFailed;
        }
    }
}
