using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook.Import.Rest;

/// <summary>Where one record (a MarketBook or catalogue market object) sits in its chunk.</summary>
internal readonly record struct FramedRecord(int Offset, int Length, long Line, DateTime? PollTimeUtc, RecordKind Kind);

/// <summary>
/// Finds the record objects in a chunk, whatever the envelope: JSON-RPC responses
/// (<c>{"jsonrpc":"2.0","result":[...]}</c>, also in a batch array), bare arrays of records, or
/// single record objects, several per chunk if need be. Wrong shapes become issues and the search
/// goes on; a syntax error ends the chunk, keeping the records framed before it.
/// </summary>
internal static class ResponseFraming
{
    public static List<FramedRecord> Frame(ReadOnlySpan<byte> chunk, long firstLine, string file, Action<ImportIssue> onIssue)
    {
        var context = new Context(file, onIssue, new LineCounter(firstLine));
        var reader = new Utf8JsonReader(chunk, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                FrameValue(ref reader, chunk, context, inheritedPollTime: null, allowEnvelope: true, where: "top-level value");
            }
        }
        catch (JsonException exception)
        {
            onIssue(new ImportIssue(file, firstLine + (exception.LineNumber ?? 0), ImportIssueKinds.InvalidJson, DescribeInvalidJson(exception)));
        }
        catch (InvalidOperationException exception) when (exception.InnerException is DecoderFallbackException)
        {
            var line = context.Lines.LineAt(chunk, (int)reader.TokenStartIndex);
            onIssue(new ImportIssue(file, line, ImportIssueKinds.InvalidJson, "a string is not valid UTF-8"));
        }

        return context.Records;
    }

    /// <summary>The reader is on the first token of a value; it is left on the value's last token.</summary>
    private static void FrameValue(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, Context context, DateTime? inheritedPollTime, bool allowEnvelope, string where)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var scan = reader;
                var shape = ObjectShape.Scan(ref scan);
                if (allowEnvelope && shape.IsEnvelope)
                {
                    FrameEnvelope(ref reader, chunk, context, shape);
                }
                else
                {
                    FrameRecord(ref reader, ref scan, chunk, context, shape, inheritedPollTime);
                }

                break;

            case JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    // The element's path is only spelled out when it is needed (nested arrays, issues).
                    var path = reader.TokenType == JsonTokenType.StartObject ? where : $"{where}[{index}]";
                    FrameValue(ref reader, chunk, context, inheritedPollTime, allowEnvelope, path);
                    index++;
                }

                break;

            default:
                context.Report(chunk, (int)reader.TokenStartIndex, ImportIssueKinds.WrongType,
                    $"{where} is {Describe(reader.TokenType)}, not an object");
                break;
        }
    }

    /// <summary>A JSON-RPC response: frames the records of its <c>result</c> array.</summary>
    private static void FrameEnvelope(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, Context context, ObjectShape shape)
    {
        var start = (int)reader.TokenStartIndex;
        var pollTime = context.PollTime(chunk, start, shape);
        var answered = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("result"u8))
            {
                answered = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    FrameValue(ref reader, chunk, context, pollTime, allowEnvelope: false, where: "result");
                }
                else
                {
                    context.Report(chunk, (int)reader.TokenStartIndex, ImportIssueKinds.WrongType,
                        $"result is {Describe(reader.TokenType)}, not an array");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                answered = true;
                reader.Read();
                var errorStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var text = Encoding.UTF8.GetString(chunk[errorStart..(int)reader.BytesConsumed]);
                context.Report(chunk, errorStart, ImportIssueKinds.RpcError,
                    $"the response is an error: {(text.Length > 300 ? text[..300] + "…" : text)}");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!answered)
        {
            context.Report(chunk, start, ImportIssueKinds.WrongType, "JSON-RPC response without result or error");
        }
    }

    /// <summary><paramref name="scan"/> is a copy of the reader that has already walked the object.</summary>
    private static void FrameRecord(
        ref Utf8JsonReader reader, ref Utf8JsonReader scan, ReadOnlySpan<byte> chunk, Context context, ObjectShape shape, DateTime? inheritedPollTime)
    {
        if (!shape.IsComplete)
        {
            reader.Skip(); // Throws the syntax error the scan met, reported by the caller with its position.
            return;
        }

        var start = (int)reader.TokenStartIndex;
        reader = scan;
        var pollTime = context.PollTime(chunk, start, shape) ?? inheritedPollTime;
        context.Records.Add(new FramedRecord(start, (int)reader.BytesConsumed - start, context.Lines.LineAt(chunk, start), pollTime, shape.Kind));
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>Keeps the reader's explanation without its position suffix (the issue carries the line).</summary>
    private static string DescribeInvalidJson(JsonException exception)
    {
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        if (reason.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            reason = "the JSON ends before its objects and arrays are closed (truncated?)";
        }

        return $"invalid JSON at byte {exception.BytePositionInLine ?? 0} of the line: {reason}";
    }

    private sealed class Context(string file, Action<ImportIssue> onIssue, LineCounter lines)
    {
        public List<FramedRecord> Records { get; } = [];

        public LineCounter Lines => lines;

        public void Report(ReadOnlySpan<byte> chunk, int offset, string kind, string message) =>
            onIssue(new ImportIssue(file, lines.LineAt(chunk, offset), kind, message));

        public DateTime? PollTime(ReadOnlySpan<byte> chunk, int offset, ObjectShape shape)
        {
            if (shape.PollTimeProblem is { } problem)
            {
                Report(chunk, offset, ImportIssueKinds.BadPollTime, problem);
            }

            return shape.PollTimeUtc;
        }
    }
}
