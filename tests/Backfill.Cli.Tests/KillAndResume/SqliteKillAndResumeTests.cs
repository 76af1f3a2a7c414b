using Backfill.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.KillAndResume;

public sealed class SqliteKillAndResumeTests(ITestOutputHelper output) : KillAndResumeSuite(output), IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(_folder.File($"{purpose}.db"));

    protected override Task<string> CopyDatabaseAsync(string source, string purpose) => Task.FromResult(_folder.CopySqlite(source, purpose));
}
