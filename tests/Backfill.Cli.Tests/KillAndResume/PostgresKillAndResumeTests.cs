using Backfill.Testing.Postgres;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.KillAndResume;

[Collection(PostgresCollection.Name)]
public sealed class PostgresKillAndResumeTests(PostgresServer server, ITestOutputHelper output) : KillAndResumeSuite(output)
{
    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);

    protected override Task<string> CopyDatabaseAsync(string source, string purpose) => server.CopyDatabaseAsync(source, purpose);
}
