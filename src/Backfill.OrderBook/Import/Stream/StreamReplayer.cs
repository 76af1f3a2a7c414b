using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Replays Betfair Exchange Stream recordings (one JSON message per line, as recorded by stream
/// clients and in official historical files) into listMarketBook-shaped snapshots. Pure: no
/// database, no clock; time is the messages' publish time <c>pt</c>.
/// </summary>
/// <remarks>
/// <para>
/// Each <see cref="Replay"/> call starts with empty market caches; <see cref="Summary"/> adds up all
/// calls. One replay at a time per instance: the caches belong to the enumeration in progress.
/// </para>
/// <para>
/// At most one snapshot per market per <see cref="StreamReplayOptions.Interval"/> of publish time, plus
/// one on every status or in-play change and one with each market's last state; each is stamped with
/// the publish time its state took effect (see <see cref="SnapshotEmitter"/>). Snapshots of one market
/// come in time order; across markets they come in the order they became final, not globally sorted.
/// Markets emit only once a definition has given them a status; filtered-out types never emit.
/// </para>
/// </remarks>
public sealed class StreamReplayer
{
    private readonly StreamReplayOptions _options;
    private readonly IssueLog _issues;
    private readonly RunnerChangeApplier _runnerChanges;
    private readonly MarketDefinitionApplier _definitions;
    private readonly SnapshotEmitter _emitter;
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private long _linesRead;
    private long _messages;
    private long _marketChanges;

    // Per-replay state.
    private Dictionary<string, MarketCache> _markets = new(StringComparer.Ordinal);
    private List<MarketCache> _marketOrder = [];
    private long _previousPt = long.MinValue;

    public StreamReplayer(StreamReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _issues = new IssueLog(options.MaxIssuesKept);
        _runnerChanges = new RunnerChangeApplier(_issues);
        _definitions = new MarketDefinitionApplier(_issues);
        _emitter = new SnapshotEmitter(options);
    }

    /// <summary>Counts over every replay so far; complete once a replay's enumeration has finished.</summary>
    public ReplaySummary Summary => new(
        _linesRead, _messages, _marketChanges, _emitter.MarketsEmitted, _emitter.MarketsFiltered, _emitter.Snapshots, _emitter.Infos,
        new Dictionary<string, long>(_skipped), new Dictionary<string, long>(_issues.Counts), [.. _issues.Kept]);

    /// <summary>
    /// Reads <paramref name="input"/> line by line (never whole) and yields snapshots and market
    /// metadata in order. <paramref name="fileName"/> only labels issues. The caller owns the stream.
    /// Stopping the enumeration early skips the end-of-input snapshots.
    /// </summary>
    public IEnumerable<StreamEvent> Replay(System.IO.Stream input, string fileName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        return ReplayLines(input, fileName);
    }

    private IEnumerable<StreamEvent> ReplayLines(System.IO.Stream input, string fileName)
    {
        _markets = new Dictionary<string, MarketCache>(StringComparer.Ordinal);
        _marketOrder = [];
        _previousPt = long.MinValue;
        _issues.File = fileName;
        var lines = new LineReader(input, _options.MaxLineBytes);
        var events = new List<StreamEvent>();
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            _linesRead++;
            _issues.File = fileName;
            _issues.Line = lines.LineNumber;
            ProcessLine(line, tooLong, events);
            foreach (var item in events)
            {
                yield return item;
            }

            events.Clear();
        }

        _issues.File = fileName;
        _issues.Line = 0;
        FinishInput(events);
        foreach (var item in events)
        {
            yield return item;
        }
    }

    private void ProcessLine(ReadOnlyMemory<byte> line, bool tooLong, List<StreamEvent> events)
    {
        if (tooLong)
        {
            _issues.Report(ReplayIssueKinds.LineTooLong, $"line is longer than {_options.MaxLineBytes} bytes; skipped");
            return;
        }

        var bytes = line.Span;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
            bytes = line.Span;
        }

        if (bytes.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            Skip("blank");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            _issues.Report(ReplayIssueKinds.InvalidJson, DescribeInvalidJson(exception, line.Length));
            return;
        }

        using (document)
        {
            try
            {
                ProcessMessage(document.RootElement, events);
            }
            catch (InvalidOperationException exception) when (exception.InnerException is DecoderFallbackException)
            {
                // Strings are checked for valid UTF-8 only when read; changes before this point stay applied.
                _issues.Report(ReplayIssueKinds.InvalidJson, "a string is not valid UTF-8; the rest of the line is skipped");
            }
        }
    }

    private void ProcessMessage(JsonElement message, List<StreamEvent> events)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            _issues.Report(ReplayIssueKinds.WrongType, $"the line is {StrictJson.Describe(message)}, not a message object");
            return;
        }

        if (!message.TryGetProperty("op"u8, out var op))
        {
            _issues.Report(ReplayIssueKinds.MissingField, "message has no op");
            return;
        }

        if (op.ValueKind != JsonValueKind.String)
        {
            _issues.Report(ReplayIssueKinds.WrongType, $"op is {StrictJson.Describe(op)}, not a string");
            return;
        }

        if (op.ValueEquals("mcm"u8))
        {
            ProcessMarketChangeMessage(message, events);
        }
        else if (op.ValueEquals("connection"u8) || op.ValueEquals("status"u8) || op.ValueEquals("heartbeat"u8) || op.ValueEquals("ocm"u8))
        {
            // Connection, status and heartbeat responses and order changes carry no market data.
            Skip(op.GetString()!);
        }
        else
        {
            _issues.Report(ReplayIssueKinds.UnknownOp, $"unknown op {StrictJson.Describe(op)}; line skipped");
        }
    }

    private void ProcessMarketChangeMessage(JsonElement message, List<StreamEvent> events)
    {
        var hasChanges = message.TryGetProperty("mc"u8, out var changes) && changes.ValueKind != JsonValueKind.Null;
        if (!hasChanges || (changes.ValueKind == JsonValueKind.Array && changes.GetArrayLength() == 0))
        {
            var heartbeat = message.TryGetProperty("ct"u8, out var ct) && ct.ValueKind == JsonValueKind.String && ct.ValueEquals("HEARTBEAT"u8);
            Skip(heartbeat ? "heartbeat" : "mcm-without-changes");
            return;
        }

        if (changes.ValueKind != JsonValueKind.Array)
        {
            _issues.Report(ReplayIssueKinds.WrongType, $"mc is {StrictJson.Describe(changes)}, not an array");
            return;
        }

        if (!message.TryGetProperty("pt"u8, out var ptElement))
        {
            _issues.Report(ReplayIssueKinds.MissingField, "market change message has no pt (publish time)");
            return;
        }

        if (!StrictJson.TryInt64(ptElement, _issues, "pt", out var pt))
        {
            return;
        }

        if (pt < _previousPt)
        {
            _issues.Report(ReplayIssueKinds.PublishTimeBackwards,
                $"pt {pt} is {_previousPt - pt} ms before the previous line's; its markets keep their later time");
        }

        _previousPt = Math.Max(_previousPt, pt);
        _messages++;
        var index = 0;
        foreach (var change in changes.EnumerateArray())
        {
            ApplyMarketChange(change, index++, pt, events);
        }
    }

    private void ApplyMarketChange(JsonElement change, int index, long pt, List<StreamEvent> events)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            _issues.Report(ReplayIssueKinds.WrongType, $"mc[{index}] is {StrictJson.Describe(change)}, not a market change object");
            return;
        }

        if (!change.TryGetProperty("id"u8, out var idElement))
        {
            _issues.Report(ReplayIssueKinds.MissingField, $"mc[{index}] has no market id");
            return;
        }

        if (idElement.ValueKind != JsonValueKind.String)
        {
            _issues.Report(ReplayIssueKinds.WrongType, $"mc[{index}].id is {StrictJson.Describe(idElement)}, not a string");
            return;
        }

        var marketId = idElement.GetString()!;
        var image = change.TryGetProperty("img"u8, out var img) && img.ValueKind == JsonValueKind.True;
        var hasDefinition = change.TryGetProperty("marketDefinition"u8, out var definition) && definition.ValueKind != JsonValueKind.Null;
        if (!_markets.TryGetValue(marketId, out var market))
        {
            if (!image && !hasDefinition)
            {
                _issues.Report(ReplayIssueKinds.NotImaged,
                    $"change for market {marketId}, which has had no image (img) and no definition; dropped");
                return;
            }

            market = new MarketCache(marketId);
            _markets.Add(marketId, market);
            _marketOrder.Add(market);
        }

        if (_emitter.IsFilteredOut(market))
        {
            return;
        }

        var stamp = Math.Max(pt, market.LastChangePt);
        _emitter.BeforeChange(market, stamp, events);

        var changed = false;
        if (image)
        {
            market.ClearBook();
            changed = true;
        }

        if (hasDefinition)
        {
            _definitions.Apply(market, definition);
            changed = true;
        }

        if (change.TryGetProperty("rc"u8, out var runnerChanges) && runnerChanges.ValueKind != JsonValueKind.Null)
        {
            if (runnerChanges.ValueKind == JsonValueKind.Array)
            {
                var runnerIndex = 0;
                foreach (var runnerChange in runnerChanges.EnumerateArray())
                {
                    _runnerChanges.Apply(market, runnerChange, runnerIndex++);
                }

                changed = true;
            }
            else
            {
                _issues.Report(ReplayIssueKinds.WrongType, $"market {marketId} rc is {StrictJson.Describe(runnerChanges)}, not an array");
            }
        }

        if (change.TryGetProperty("tv"u8, out var tv) && tv.ValueKind != JsonValueKind.Null
            && _runnerChanges.TryNumber(tv, $"market {marketId}", "tv", out var totalMatched)
            && _runnerChanges.IsVolume(totalMatched, $"market {marketId}", "tv"))
        {
            market.TotalMatched = totalMatched;
            changed = true;
        }

        _marketChanges++;
        if (changed)
        {
            _emitter.AfterChange(market, stamp, hasDefinition, events);
        }
    }

    private void FinishInput(List<StreamEvent> events)
    {
        foreach (var market in _marketOrder)
        {
            if (!market.HasDefinition)
            {
                _issues.Report(ReplayIssueKinds.NoDefinition,
                    $"market {market.MarketId} never had a definition (status unknown), so none of its changes were emitted");
                continue;
            }

            _emitter.Finish(market, events);
        }
    }

    private void Skip(string kind) => _skipped[kind] = _skipped.GetValueOrDefault(kind) + 1;

    private static string DescribeInvalidJson(JsonException exception, int lineLength)
    {
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        return $"invalid JSON at byte {exception.BytePositionInLine ?? 0} of {lineLength}: {reason}; line skipped";
    }
}
