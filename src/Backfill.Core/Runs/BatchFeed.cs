using System.Threading.Channels;
using Backfill.Core.Sql;

namespace Backfill.Core.Runs;

/// <summary>A batch ready to write: its rows, their computed writes, and what reading and computing took.</summary>
internal sealed record ComputedBatch(RowBatch Rows, BatchPlanner.Plan Plan, TimeSpan ReadTime, TimeSpan ComputeTime);

/// <summary>
/// Hands the run loop its batches in key order, read and computed. Ahead: a bounded pipeline of
/// three stages on their own tasks, reading batch n+2 on the reader's connection while batch n+1
/// is computed and batch n is written, at most one batch waiting between stages (memory stays
/// flat). Not ahead (a duty cycle): each batch is read and computed only when asked for, so the
/// database rests while the loop sleeps. Keyset paging needs only the last key read, so a feed
/// starts anywhere; after a rolled-back batch the loop disposes the feed and starts a new one.
/// </summary>
internal sealed class BatchFeed : IAsyncDisposable
{
    public delegate Task<RowBatch> ReadBatch(long after, int size, CancellationToken ct);

    private readonly ReadBatch _read;
    private readonly BatchPlanner _planner;
    private readonly Func<int> _nextSize;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _ct;
    private readonly CancellationTokenSource _stop;
    private readonly Channel<(RowBatch Rows, TimeSpan ReadTime)>? _read2compute;
    private readonly Channel<ComputedBatch>? _computed;
    private readonly Task _stages = Task.CompletedTask;
    private long _after;
    private long _remaining;
    private int _size;

    /// <param name="firstSize">Size of the first read; later reads take <paramref name="nextSize"/> at the time they start.</param>
    /// <param name="remaining">Rows the run may still process (--limit), long.MaxValue without a limit.</param>
    public BatchFeed(ReadBatch read, BatchPlanner planner, long after, int firstSize, Func<int> nextSize, long remaining,
        bool ahead, TimeProvider clock, CancellationToken ct)
    {
        (_read, _planner, _after, _size, _nextSize, _remaining, _clock, _ct) = (read, planner, after, firstSize, nextSize, remaining, clock, ct);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (!ahead) return;
        var one = new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true };
        _read2compute = Channel.CreateBounded<(RowBatch, TimeSpan)>(one);
        _computed = Channel.CreateBounded<ComputedBatch>(one);
        _stages = Task.WhenAll(Task.Run(ReadStageAsync, CancellationToken.None), Task.Run(ComputeStageAsync, CancellationToken.None));
    }

    /// <summary>The next batch, or null after the last one.</summary>
    public async ValueTask<ComputedBatch?> NextAsync()
    {
        if (_computed is null)
        {
            var (rows, readTime) = await ReadNextAsync(_ct);
            return rows.Count == 0 ? null : Compute(rows, readTime);
        }
        // A failed stage completes the channel with its exception, which surfaces here.
        return await _computed.Reader.WaitToReadAsync(_ct) && _computed.Reader.TryRead(out var batch) ? batch : null;
    }

    private async Task<(RowBatch Rows, TimeSpan ReadTime)> ReadNextAsync(CancellationToken ct)
    {
        var size = (int)Math.Min(_size, _remaining);
        var started = _clock.GetTimestamp();
        var rows = size <= 0 ? RowBatch.Empty : await _read(_after, size, ct);
        if (rows.Count > 0)
        {
            _after = rows.Keys[rows.Count - 1];
            _remaining -= rows.Count;
        }
        _size = _nextSize();
        return (rows, _clock.GetElapsedTime(started));
    }

    private ComputedBatch Compute(RowBatch rows, TimeSpan readTime)
    {
        var started = _clock.GetTimestamp();
        var plan = _planner.Build(rows);
        rows.ReleaseValues(); // planned: nothing reads the payloads or values again
        return new ComputedBatch(rows, plan, readTime, _clock.GetElapsedTime(started));
    }

    private async Task ReadStageAsync()
    {
        var output = _read2compute!.Writer;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // The run's token, not the stop token: a read is never cut off halfway (its connection stays usable).
                var item = await ReadNextAsync(_ct);
                if (item.Rows.Count == 0) break;
                await output.WriteAsync(item, _stop.Token);
            }
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
        }
    }

    private async Task ComputeStageAsync()
    {
        var input = _read2compute!.Reader;
        var output = _computed!.Writer;
        try
        {
            while (await input.WaitToReadAsync(_stop.Token))
                while (input.TryRead(out var item))
                    await output.WriteAsync(Compute(item.Rows, item.ReadTime), _stop.Token);
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
        }
    }

    /// <summary>Stops the stages and waits for them: a read in flight finishes before its connection is reused or closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stages; // the stages catch everything: their errors went to the channel
        _stop.Dispose();
    }
}
