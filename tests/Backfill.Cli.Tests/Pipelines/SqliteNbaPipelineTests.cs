using Backfill.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Backfill.Cli.Tests.Pipelines;

public sealed class SqliteNbaPipelineTests(ITestOutputHelper output) : NbaPipelineSuite(output), IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override Task<string> NewDatabaseAsync(string purpose) => Task.FromResult(_folder.File($"{purpose}.db"));

    protected override Task<string> CopyDatabaseAsync(string source, string purpose)
    {
        var target = _folder.File($"{purpose}.db");
        File.Copy(source, target);
        // Closing the last connection normally folds the WAL into the file; copy it anyway if one was left.
        if (File.Exists(source + "-wal"))
        {
            File.Copy(source + "-wal", target + "-wal");
        }

        return Task.FromResult(target);
    }
}
