using Backfill.Testing.Postgres;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.KillAndResume;

[Collection(PostgresCollection.Name)]
public sealed class PostgresKillAndResumeTests(PostgresServer server, ITestOutputHelper output) : KillAndResumeSuite(output)
{
    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);

    protected override Task<string> CopyDatabaseAsync(string source, string purpose) => server.CopyDatabaseAsync(source, purpose);
}

/// <summary>The same with three writers: batches in flight when the process dies were never committed, so resume redoes them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKillAndResumeWithWritersTests(PostgresServer server, ITestOutputHelper output) : KillAndResumeSuite(output)
{
    protected override IReadOnlyList<string> RunOptions => ["--writers", "3"];

    protected override Task<string> NewDatabaseAsync(string purpose) => server.CreateDatabaseAsync(purpose);

    protected override Task<string> CopyDatabaseAsync(string source, string purpose) => server.CopyDatabaseAsync(source, purpose);
}
