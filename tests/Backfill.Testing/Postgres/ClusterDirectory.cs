using System.Globalization;

namespace Backfill.Testing.Postgres;

/// <summary>
/// Layout of one throwaway cluster under /tmp. A short fixed root keeps the unix socket path under
/// its ~100 character limit (macOS TMPDIR paths are too long) and is reachable by the 'postgres' account.
/// </summary>
internal sealed class ClusterDirectory
{
    public const string NamePrefix = "backfill-pg-";
    public const string ParentPath = "/tmp";

    private ClusterDirectory(string root) => Root = root;

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public string Log => Path.Combine(Root, "server.log");

    /// <summary>Also the unix socket directory, so concurrent clusters never share socket lock files.</summary>
    public string Socket => Root;

    /// <summary>The postmaster's lock file exists while it runs (or after it crashed).</summary>
    public bool HasPostmaster => File.Exists(Path.Combine(Data, "postmaster.pid"));

    /// <summary>Pid of the process that owns the cluster, so a later run can reap it if that process died.</summary>
    public string OwnerFile => Path.Combine(Root, "owner.pid");

    public static ClusterDirectory Create()
    {
        var root = Path.Combine(ParentPath, NamePrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var directory = new ClusterDirectory(root);
        File.WriteAllText(directory.OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return directory;
    }

    public static IEnumerable<ClusterDirectory> FindAll() =>
        Directory.Exists(ParentPath)
            ? Directory.EnumerateDirectories(ParentPath, NamePrefix + "*").Select(root => new ClusterDirectory(root))
            : [];

    /// <summary>
    /// Atomically takes this folder over (by renaming it) so that of several concurrent sweepers exactly one
    /// stops and deletes it; returns null when another one got there first.
    /// </summary>
    public ClusterDirectory? TryClaim()
    {
        var claimed = Path.Combine(ParentPath, NamePrefix + "reaping-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Directory.Move(Root, claimed);
            return new ClusterDirectory(claimed);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public int? ReadOwnerPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(OwnerFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string ReadLog()
    {
        try
        {
            return File.Exists(Log) ? File.ReadAllText(Log) : "(no server log was written)";
        }
        catch (IOException e)
        {
            return $"(could not read {Log}: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(could not read {Log}: {e.Message})";
        }
    }

    /// <summary>Forget the owner so the stale-cluster sweep leaves a deliberately kept cluster alone.</summary>
    public void Disown() => TryDelete(() => File.Delete(OwnerFile));

    public void Delete() => TryDelete(() => Directory.Delete(Root, recursive: true));

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in /tmp is harmless and the next run's sweep retries.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
