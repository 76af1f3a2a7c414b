using Backfill.Cli.Tests.Infrastructure;

namespace Backfill.Cli.Tests.KillAndResume;

public sealed class SqliteKillAndResumeTests : KillAndResumeSuite, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(_folder.File($"{purpose}.db"));
}
