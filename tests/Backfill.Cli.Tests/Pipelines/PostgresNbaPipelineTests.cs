using Backfill.Testing.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.Pipelines;

[Collection(PostgresCollection.Name)]
public sealed class PostgresNbaPipelineTests(PostgresServer server, ITestOutputHelper output) : NbaPipelineSuite(output)
{
    private const string ObjectInUse = "55006";

    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);

    /// <summary>
    /// CREATE DATABASE ... TEMPLATE copies the files, much faster than importing again. The name comes from
    /// <see cref="PostgresServer.CreateDatabaseAsync"/> so the fixture still drops the copy at the end.
    /// </summary>
    protected override async Task<string> CopyDatabaseAsync(string source, string purpose)
    {
        var target = await server.CreateDatabaseAsync(purpose);
        var sourceName = new NpgsqlConnectionStringBuilder(source).Database!;
        var targetName = new NpgsqlConnectionStringBuilder(target).Database!;

        // A template must have no sessions: close the idle pooled connections the test opened to it.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE \"{targetName}\"");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(admin, $"CREATE DATABASE \"{targetName}\" TEMPLATE \"{sourceName}\"");
                return target;
            }
            catch (PostgresException e) when (e.SqlState == ObjectInUse && attempt < 50)
            {
                await Task.Delay(100); // a closed session's backend can take a moment to exit
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
