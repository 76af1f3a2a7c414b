namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Decides when a market's state becomes a snapshot, and yields market metadata. A state is final
/// once a message with a later <c>pt</c> reaches the market (or the input ends); it is then emitted,
/// stamped with the time it took effect, when it is the market's first, has a new status or in-play
/// flag, is the last state of the input, or comes at least one interval after the previous snapshot.
/// A state held through the end of an interval without being emitted is emitted stamped at that
/// moment, so a quiet market's book is never stale by more than one interval. Stamps per market
/// strictly increase: no two snapshots of a market share a time.
/// </summary>
internal sealed class SnapshotEmitter
{
    private readonly HashSet<string> _marketTypes;
    private readonly long _intervalMs;
    private readonly LadderKind? _forceLadder;
    private readonly bool _includeTradedVolume;
    private readonly SnapshotPayloadWriter _payloads = new();
    private readonly HashSet<string> _marketsEmitted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _marketsFiltered = new(StringComparer.Ordinal);

    public SnapshotEmitter(StreamReplayOptions options)
    {
        _marketTypes = new HashSet<string>(options.MarketTypes, StringComparer.Ordinal);
        _intervalMs = (long)options.Interval.TotalMilliseconds;
        _forceLadder = options.ForceLadder;
        _includeTradedVolume = options.IncludeTradedVolume;
    }

    public long Snapshots { get; private set; }

    public long Infos { get; private set; }

    public int MarketsEmitted => _marketsEmitted.Count;

    public int MarketsFiltered => _marketsFiltered.Count;

    /// <summary>A market's changes are skipped once its definition shows a type outside the filter.</summary>
    public bool IsFilteredOut(MarketCache market) => market.HasDefinition && !IsWanted(market);

    /// <summary>Before a change at <paramref name="stamp"/> is applied: the pending state, if older, is now final.</summary>
    public void BeforeChange(MarketCache market, long stamp, List<StreamEvent> events)
    {
        if (market.Pending && stamp > market.LastChangePt)
        {
            Settle(market, stamp, atEnd: false, events);
        }
    }

    /// <summary>After a change at <paramref name="stamp"/>: the state is pending, and a new definition may change the metadata.</summary>
    public void AfterChange(MarketCache market, long stamp, bool definitionApplied, List<StreamEvent> events)
    {
        market.Pending = true;
        market.LastChangePt = stamp;
        if (definitionApplied)
        {
            Announce(market, events);
        }
    }

    /// <summary>End of input: every pending state is the last of its market.</summary>
    public void Finish(MarketCache market, List<StreamEvent> events)
    {
        if (market.Pending)
        {
            Settle(market, long.MaxValue, atEnd: true, events);
        }
    }

    private void Settle(MarketCache market, long now, bool atEnd, List<StreamEvent> events)
    {
        market.Pending = false;
        if (!IsWanted(market))
        {
            return;
        }

        if (market.LastEmittedPt is not { } last || atEnd
            || market.Status != market.LastEmittedStatus || market.InPlay != market.LastEmittedInPlay
            || market.LastChangePt - last >= _intervalMs)
        {
            Emit(market, market.LastChangePt, events);
        }
        else if (now - last > _intervalMs)
        {
            // Held unchanged through the end of the interval: that moment shows it.
            Emit(market, last + _intervalMs, events);
        }
    }

    private void Emit(MarketCache market, long publishTimeMs, List<StreamEvent> events)
    {
        var ladder = market.ChooseLadder(_forceLadder);
        var payload = _payloads.Write(market, ladder, _includeTradedVolume);
        events.Add(new StreamSnapshot(
            market.MarketId, DateTime.UnixEpoch.AddMilliseconds(publishTimeMs), payload, market.Status!, market.InPlay,
            market.TotalMatched, StreamSources.For(ladder)));
        market.LastEmittedPt = publishTimeMs;
        market.LastEmittedStatus = market.Status;
        market.LastEmittedInPlay = market.InPlay;
        Snapshots++;
        _marketsEmitted.Add(market.MarketId);
    }

    /// <summary>Yields the market's metadata when it passes the filter and differs from what was last yielded.</summary>
    private void Announce(MarketCache market, List<StreamEvent> events)
    {
        if (!IsWanted(market))
        {
            return;
        }

        var runners = market.Runners.Select(runner => (runner.SelectionId, runner.SortPriority, runner.Name, runner.Status)).ToArray();
        var previous = market.LastInfo;
        if (previous is not null && previous.EventName == market.EventName && previous.MarketType == market.MarketType
            && previous.MarketTimeUtc == market.MarketTimeUtc && previous.Runners.SequenceEqual(runners))
        {
            return;
        }

        market.LastInfo = new StreamMarketInfo(market.MarketId, market.EventName, market.MarketType, market.MarketTimeUtc, runners);
        events.Add(market.LastInfo);
        Infos++;
    }

    /// <summary>Emits only with a known status (from a definition) and a type the filter keeps; remembers filtered markets.</summary>
    private bool IsWanted(MarketCache market)
    {
        if (!market.HasDefinition)
        {
            return false;
        }

        if (_marketTypes.Count == 0 || (market.MarketType is { } type && _marketTypes.Contains(type)))
        {
            return true;
        }

        _marketsFiltered.Add(market.MarketId);
        return false;
    }
}
