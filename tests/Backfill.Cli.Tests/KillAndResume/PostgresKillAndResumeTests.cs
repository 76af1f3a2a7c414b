using Backfill.Testing.Postgres;

namespace Backfill.Cli.Tests.KillAndResume;

[Collection(PostgresCollection.Name)]
public sealed class PostgresKillAndResumeTests(PostgresServer server) : KillAndResumeSuite
{
    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);
}
