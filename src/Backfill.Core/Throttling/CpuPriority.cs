using System.Runtime.InteropServices;

namespace Backfill.Core.Throttling;

/// <summary>
/// The lowest CPU priority (nice 19) for the engine and, when PostgreSQL runs on the same machine, for its
/// server sessions, so live traffic wins the CPU when both want it. It helps when the live clients run in
/// the same scheduling group as the engine (Linux autogroups weigh nice only within a group): a pgbench
/// ingester's p99 went from 60 to 15 ms; in the benchmark's own ingester it did not help (bench/RESULTS.md).
/// Linux only. Nice values belong to threads there, so every thread of this process is lowered (and
/// threads started later inherit it).
/// </summary>
public static partial class CpuPriority
{
    public const int Lowest = 19;
    private const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Lowers a thread or process of this machine; 0 on success, else the errno.</summary>
    public static int Lower(int pid) => setpriority(PrioProcess, (uint)pid, Lowest) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Lowers every thread of this process; call again to catch threads started since.</summary>
    public static void LowerThisProcess()
    {
        if (!Supported) return;
        foreach (var tid in ThreadsOfThisProcess()) Lower(tid);
    }

    /// <summary>Linux thread ids of this process, as /proc lists them now.</summary>
    internal static IEnumerable<int> ThreadsOfThisProcess() =>
        Directory.EnumerateDirectories("/proc/self/task").Select(Path.GetFileName).Select(n => int.TryParse(n, out var tid) ? tid : -1).Where(tid => tid > 0);

    /// <summary>Null when <paramref name="pid"/> is a PostgreSQL server process of this machine, else why it is not.</summary>
    public static string? WhyNotLocalServer(int pid)
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
        return command.StartsWith("postgres", StringComparison.Ordinal) ? null : "the server is not on this machine";
    }
}
