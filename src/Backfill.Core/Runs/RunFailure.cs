using Backfill.Core.Sql;

namespace Backfill.Core.Runs;

/// <summary>How a run that ended badly is told: in the ledger and to the user.</summary>
public static class RunFailure
{
    /// <summary>
    /// The message followed by its causes: a driver's "Exception while reading from stream" says nothing
    /// until its cause ("Timeout during reading attempt") follows it.
    /// </summary>
    public static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
            if (!parts.Any(p => p.Contains(x.Message, StringComparison.Ordinal))) parts.Add(x.Message);
        return string.Join(": ", parts);
    }

    /// <summary>
    /// Marks the run ended. The failure may have left the run's connection unusable (a statement dropped on
    /// a timeout, a connection cut), so a new connection is tried next. If both fail, nothing is thrown: the
    /// caller rethrows the original failure, which is what the user needs, and the run stays unfinished in
    /// the ledger, where --resume finds it.
    /// </summary>
    public static async Task RecordAsync(SqlStore store, long runId, string state, string message)
    {
        try
        {
            await store.FinishRunAsync(runId, state, null, message, CancellationToken.None);
            return;
        }
        catch (Exception)
        {
            // Tried again below on a new connection.
        }
        try
        {
            await using var fresh = await store.OpenSiblingAsync(CancellationToken.None);
            await fresh.FinishRunAsync(runId, state, null, message, CancellationToken.None);
        }
        catch (Exception)
        {
            // The original failure is rethrown by the caller.
        }
    }
}
