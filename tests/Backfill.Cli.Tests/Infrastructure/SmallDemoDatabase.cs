namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>A temp folder with a small seeded SQLite demo database (no runs yet), shared by the tests of one class.</summary>
public sealed class SmallDemoDatabase : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string Db => _folder.File("small.db");

    public string File(string name) => _folder.File(name);

    public Task InitializeAsync() => TestDatabase.SeedAsync(Db, TestDatabase.Small);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
