using Backfill.Testing.Postgres;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.Pipelines;

[Collection(PostgresCollection.Name)]
public sealed class PostgresNbaPipelineTests(PostgresServer server, ITestOutputHelper output) : NbaPipelineSuite(output)
{
    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);

    protected override Task<string> CopyDatabaseAsync(string source, string purpose) => server.CopyDatabaseAsync(source, purpose);
}
