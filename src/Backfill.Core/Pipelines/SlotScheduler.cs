using Backfill.Core.Sql;

namespace Backfill.Core.Pipelines;

/// <summary>Progress of a partitioned run after each finished slot.</summary>
public sealed record SlotProgress(SlotKey Slot, string Status, int Done, int Total, TimeSpan Elapsed)
{
    public TimeSpan? Eta => Done == 0 ? null : TimeSpan.FromTicks(Elapsed.Ticks / Done * (Total - Done));
}

/// <summary>A slot's status and skip reason as the run currently knows them.</summary>
public readonly record struct SlotState(string Status, string? Reason);

/// <summary>
/// Runs a set of slots on a bounded pool of connections (skips are recorded on the run's own connection, which no worker uses). A slot starts only when every upstream slot it reads is
/// finished; if one failed (or was itself blocked), the slot is skipped with the reason instead of run.
/// </summary>
internal sealed class SlotScheduler(Plan plan, SqlStore ledger, IReadOnlyList<SlotWorker> workers, Dictionary<SlotKey, SlotState> states, long runId, IProgress<SlotProgress>? progress)
{
    public async Task ExecuteAsync(IReadOnlyCollection<SlotKey> keys, int done, int total, System.Diagnostics.Stopwatch elapsed, CancellationToken ct)
    {
        var pending = keys.OrderBy(k => k.Date).ThenBy(k => plan.IndexOf(k.Processor)).ToList();
        var waiting = pending.ToHashSet();
        var free = new Queue<SlotWorker>(workers);
        var running = new Dictionary<Task<string>, (SlotKey Key, SlotWorker Worker)>();
        try
        {
            await LoopAsync();
        }
        finally
        {
            // Never leave a slot writing on a connection the caller is about to close (Ctrl+C, a failed ledger write).
            foreach (var task in running.Keys)
                await task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        async Task LoopAsync()
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < pending.Count && free.Count > 0;)
                {
                    var key = pending[i];
                    var upstream = plan.Slots[key].Upstream;
                    if (upstream.Any(waiting.Contains)) { i++; continue; }
                    pending.RemoveAt(i);
                    if (BlockingUpstream(upstream) is { } why)
                    {
                        waiting.Remove(key);
                        var reason = $"{SkipReasons.UpstreamFailed}: {why}";
                        states[key] = new SlotState(SlotStatus.Skipped, reason);
                        await ledger.FinishSlotAsync(runId, key, SlotStatus.Skipped, reason, 0, 0, null, null, null, ct);
                        progress?.Report(new SlotProgress(key, SlotStatus.Skipped, ++done, total, elapsed.Elapsed));
                        continue;
                    }
                    var worker = free.Dequeue();
                    states[key] = new SlotState(SlotStatus.Running, null);
                    // On the pool: a driver whose async calls complete synchronously (SQLite) would otherwise run slots one by one.
                var processor = plan.Pipeline.Find(key.Processor)!;
                running[Task.Run(() => worker.RunAsync(processor, key.Date, ct), CancellationToken.None)] = (key, worker);
                }
                if (running.Count == 0) continue;
                var finished = await Task.WhenAny(running.Keys);
                var (doneKey, doneWorker) = running[finished];
                running.Remove(finished);
                free.Enqueue(doneWorker);
                states[doneKey] = new SlotState(await finished, null);
                waiting.Remove(doneKey);
                progress?.Report(new SlotProgress(doneKey, states[doneKey].Status, ++done, total, elapsed.Elapsed));
            }
        }
    }

    private string? BlockingUpstream(IEnumerable<SlotKey> upstream)
    {
        foreach (var u in upstream)
        {
            var s = states.GetValueOrDefault(u, new SlotState(SlotStatus.Planned, null));
            if (s.Status == SlotStatus.Failed) return $"{u} failed";
            if (s.Reason is { } r && !r.StartsWith(SkipReasons.Bootstrap, StringComparison.Ordinal))
                return r.StartsWith(SkipReasons.UpstreamFailed + ": ", StringComparison.Ordinal) ? r[(SkipReasons.UpstreamFailed.Length + 2)..] : $"{u} skipped ({r})";
            if (s.Status is SlotStatus.Planned or SlotStatus.Running) return $"{u} did not run";
        }
        return null;
    }
}
