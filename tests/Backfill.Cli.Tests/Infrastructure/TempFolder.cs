namespace Backfill.Cli.Tests.Infrastructure;

/// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "backfill-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A copy of a SQLite database file (no process has it open) in this folder, named after its purpose.</summary>
    public string CopySqlite(string source, string purpose)
    {
        var target = File($"{purpose}.db");
        System.IO.File.Copy(source, target);
        // Closing the last connection normally folds the WAL into the file; copy it anyway if one was left.
        if (System.IO.File.Exists(source + "-wal")) System.IO.File.Copy(source + "-wal", target + "-wal");
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in the temp directory is harmless.
        }
    }
}
