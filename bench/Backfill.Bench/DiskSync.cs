using System.Runtime.InteropServices;

namespace Backfill.Bench;

/// <summary>
/// Writes every dirty page of the machine to disk. A fresh copy of a database leaves hundreds of MiB of
/// dirty page cache behind; without this, the timed run pays for that writeback (SQLite's first commit
/// syncs the copied file: ~0.3 s at 200k rows; the kernel flushes a PostgreSQL copy while the run goes).
/// </summary>
internal static class DiskSync
{
    public static void FlushAll()
    {
        if (OperatingSystem.IsLinux()) Sync();
    }

    [DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();
}
