using System.Runtime.InteropServices;

namespace Backfill.Core.Throttling;

/// <summary>
/// Confines the engine and its local server sessions to a few CPUs (<c>--cores N</c>), so live traffic keeps
/// the others to itself. Unlike nice, which Linux's autogroup scheduler weighs only within a session's group,
/// an affinity mask holds whatever group the live clients are in. Linux only. Masks belong to threads there,
/// so every thread of this process is pinned (threads started later inherit their creator's mask).
/// </summary>
public static unsafe partial class CpuAffinity
{
    // 1,024 CPUs, the kernel's default CONFIG_NR_CPUS bound for glibc's cpu_set_t.
    private const int MaskWords = 16;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, ulong* mask);

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The CPUs this process may run on, ascending.</summary>
    public static IReadOnlyList<int> AllowedCpus()
    {
        if (!Supported) return Enumerable.Range(0, Environment.ProcessorCount).ToList();
        var mask = stackalloc ulong[MaskWords];
        if (sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0)
            return Enumerable.Range(0, Environment.ProcessorCount).ToList();
        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaskWords * 64; cpu++)
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0) cpus.Add(cpu);
        return cpus;
    }

    /// <summary>
    /// The last <paramref name="count"/> allowed CPUs, or null when that is all of them. The last ones, because
    /// CPU 0 tends to take the most interrupts and is where idle clients' tasks start.
    /// </summary>
    public static IReadOnlyList<int>? Choose(int count)
    {
        var allowed = AllowedCpus();
        return count >= allowed.Count ? null : allowed.Skip(allowed.Count - count).ToList();
    }

    /// <summary>Pins every thread of this process; call again to catch threads started since.</summary>
    public static void PinThisProcess(IReadOnlyList<int> cpus)
    {
        if (!Supported) return;
        foreach (var tid in CpuPriority.ThreadsOfThisProcess()) Pin(tid, cpus);
    }

    /// <summary>Pins a process of this machine; 0 on success, else the errno.</summary>
    public static int Pin(int pid, IReadOnlyList<int> cpus)
    {
        var mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (var cpu in cpus) mask[cpu / 64] |= 1UL << (cpu % 64);
        return sched_setaffinity(pid, MaskWords * sizeof(ulong), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>"cpu 1", "cpus 2-3" or "cpus 1, 3".</summary>
    public static string Describe(IReadOnlyList<int> cpus) =>
        (cpus.Count == 1 ? "cpu " : "cpus ")
        + (cpus.Count > 1 && cpus[^1] - cpus[0] == cpus.Count - 1 ? $"{cpus[0]}-{cpus[^1]}" : string.Join(", ", cpus));
}
