using System.Runtime.InteropServices;

namespace Backfill.Core.Throttling;

/// <summary>
/// The lowest CPU priority (nice 19) for the engine and, when PostgreSQL runs on the same machine, for its
/// server sessions, so live traffic wins the CPU when both want it. It helps when the live clients run in
/// the same scheduling group as the engine (Linux autogroups weigh nice only within a group): a pgbench
/// ingester's p99 went from 60 to 15 ms; in the benchmark's own ingester it did not help (bench/RESULTS.md).
/// Linux only. Nice values belong to threads there, so every thread of this process is lowered (and
/// threads started later inherit it); a server session is lowered only if this user may (same user as
/// PostgreSQL, or root).
/// </summary>
public static partial class CpuPriority
{
    public const int Lowest = 19;
    private const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);

    private static int Lower(uint pid) => setpriority(PrioProcess, pid, Lowest);

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Lowers every thread of this process; call again to catch threads started since.</summary>
    public static void LowerThisProcess()
    {
        if (!Supported) return;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            if (uint.TryParse(Path.GetFileName(task), out var tid)) Lower(tid);
    }

    /// <summary>Lowers a PostgreSQL server process of this machine; null on success, else why not.</summary>
    public static string? TryLowerServerProcess(int pid)
    {
        if (!Supported) return "not supported on this system";
        string command;
        try
        {
            command = File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "the server is not on this machine";
        }
        // The port may be forwarded to another machine or container: the same pid there would be an unrelated process here.
        if (!command.StartsWith("postgres", StringComparison.Ordinal)) return "the server is not on this machine";
        return Lower((uint)pid) == 0
            ? null
            : $"not permitted (errno {Marshal.GetLastPInvokeError()}: run as the PostgreSQL server's user or root)";
    }
}
