using System.Diagnostics;

namespace Backfill.Testing.Postgres;

/// <summary>
/// Stops clusters whose owning test process died without disposing them (crash, kill -9, debugger stop);
/// pg_ctl detaches the postmaster, so otherwise they would run until reboot.
/// </summary>
internal static class StaleClusterSweeper
{
    public static async Task SweepAsync(PgCtl pgCtl, CancellationToken cancellationToken)
    {
        foreach (var directory in ClusterDirectory.FindAll())
        {
            // No owner file: being created right now by another process, or deliberately kept.
            if (directory.ReadOwnerPid() is not { } owner || IsAlive(owner) || directory.TryClaim() is not { } claimed)
            {
                continue;
            }

            // The postmaster resolves its data directory relative to its working directory, so it survives the rename.
            if (claimed.HasPostmaster)
            {
                await pgCtl.StopAsync(claimed, cancellationToken).ConfigureAwait(false);
            }

            claimed.Delete();
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
