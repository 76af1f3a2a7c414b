using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Backfill.OrderBook;

/// <summary>
/// A forward-only walk over JSON bytes that accepts only what <see cref="System.Text.Json.Utf8JsonReader"/>
/// with its default options also accepts, restricted to the plain subset feeds send: strings of printable
/// ASCII without escapes, and nesting under <see cref="MaxDepth"/>. Every method returns false as soon as
/// the input leaves that subset or is not JSON; the caller then hands the payload to the full reader,
/// which also explains what is wrong. Never throws on any input.
/// </summary>
internal ref struct PlainJsonCursor(ReadOnlySpan<byte> json)
{
    /// <summary>Below the reader's default of 64, so a document deep enough to fail there never passes here.</summary>
    public const int MaxDepth = 48;

    /// <summary>What ends the plain part of a string: its closing quote, or a byte this cursor leaves to the reader.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b), .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    private readonly ReadOnlySpan<byte> _json = json;
    private int _at;

    /// <summary>The next byte after whitespace, or 0 at the end of the input (0 is never valid JSON there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        SkipWhitespace();
        return _at < _json.Length ? _json[_at] : (byte)0;
    }

    /// <summary>Consumes <paramref name="expected"/> after whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Take(byte expected)
    {
        if (Peek() != expected) return false;
        _at++;
        return true;
    }

    /// <summary>
    /// Consumes a container's opening bracket: true when an item follows; false when the container is empty
    /// (its closing bracket consumed) or, with <paramref name="failed"/>, when the bracket is not there.
    /// </summary>
    public bool TryEnter(byte open, byte close, out bool failed)
    {
        failed = !Take(open);
        return !failed && !Take(close);
    }

    /// <summary>
    /// After an item: true when another follows (its ',' consumed); false at the closing bracket (consumed) or,
    /// with <paramref name="failed"/>, on anything else.
    /// </summary>
    public bool Next(byte close, out bool failed)
    {
        failed = false;
        if (Take((byte)',')) return true;
        failed = !Take(close);
        return false;
    }

    /// <summary>Only whitespace is left.</summary>
    public bool AtEnd() => Peek() == 0 && _at == _json.Length;

    /// <summary>
    /// After an object's '{' or a ',': the next property name and its ':'; false at the object's end too,
    /// so callers check <see cref="Peek"/> for '}' first.
    /// </summary>
    public bool TryPropertyName(out ReadOnlySpan<byte> name) => TryString(out name) && Take((byte)':');

    /// <summary>
    /// Consumes <c>"name":</c> when the next property is exactly <paramref name="name"/> (plain ASCII); nothing
    /// otherwise. Cheaper than reading any name and comparing it, for the names a caller expects most.
    /// </summary>
    public bool TakeName(ReadOnlySpan<byte> name)
    {
        SkipWhitespace();
        var rest = _json[_at..];
        if (rest.Length < name.Length + 3 || rest[0] != (byte)'"' || !rest[1..].StartsWith(name) || rest[name.Length + 1] != (byte)'"')
            return false;
        var at = _at;
        _at += name.Length + 2;
        if (Take((byte)':')) return true;
        _at = at;
        return false;
    }

    /// <summary>A string value: the bytes between its quotes (printable ASCII, no escapes).</summary>
    public bool TryString(out ReadOnlySpan<byte> text)
    {
        text = default;
        if (!Take((byte)'"')) return false;
        var start = _at;
        var length = _json[start..].IndexOfAny(StringStops);
        if (length < 0 || _json[start + length] != (byte)'"') return false; // escapes, control bytes, non-ASCII: the reader's
        text = _json.Slice(start, length);
        _at = start + length + 1;
        return true;
    }

    /// <summary>A number token as JSON's grammar has it (RFC 8259 §6); its text, for the caller to convert.</summary>
    public bool TryNumber(out ReadOnlySpan<byte> text)
    {
        text = default;
        SkipWhitespace();
        var start = _at;
        if (Is((byte)'-')) _at++;
        if (Is((byte)'0')) _at++;
        else if (!Digits()) return false;
        if (Is((byte)'.'))
        {
            _at++;
            if (!Digits()) return false;
        }
        if (Is((byte)'e') || Is((byte)'E'))
        {
            _at++;
            if (Is((byte)'+') || Is((byte)'-')) _at++;
            if (!Digits()) return false;
        }
        text = _json[start.._at];
        return true;
    }

    /// <summary>
    /// A plain decimal (no exponent), read in one pass into the value <see cref="FastDouble.TryParsePlain"/>
    /// gives for the same text; numbers it does not cover exactly go to the reader.
    /// </summary>
    public bool TryPlainDouble(out double value)
    {
        value = 0;
        SkipWhitespace();
        var json = _json;
        var at = _at;
        var negative = at < json.Length && json[at] == (byte)'-';
        if (negative) at++;
        long mantissa = 0;
        var fraction = 0;
        if (at < json.Length && json[at] == (byte)'0') at++; // JSON has no leading zeros: "01" ends after the 0
        else if (!Accumulate(json, ref at, ref mantissa, out _)) return false;
        if (at < json.Length && json[at] == (byte)'.')
        {
            at++;
            if (!Accumulate(json, ref at, ref mantissa, out fraction) || fraction >= FastDouble.PowersOf10.Length) return false;
        }
        if (at < json.Length && (json[at] | 0x20) == (byte)'e') return false;
        var magnitude = fraction > 0 ? mantissa / FastDouble.PowersOf10[fraction] : mantissa;
        value = negative ? -magnitude : magnitude;
        _at = at;
        return true;
    }

    /// <summary>One or more digits into <paramref name="mantissa"/>, while it stays an exact double.</summary>
    private static bool Accumulate(ReadOnlySpan<byte> json, ref int at, ref long mantissa, out int digits)
    {
        var start = at;
        for (; at < json.Length; at++)
        {
            var d = (uint)(json[at] - '0');
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
            if (mantissa > FastDouble.MaxExactMantissa) break;
        }
        digits = at - start;
        return digits > 0 && mantissa <= FastDouble.MaxExactMantissa;
    }

    /// <summary>An integer token, as <see cref="System.Text.Json.Utf8JsonReader.TryGetInt64"/> converts it.</summary>
    public bool TryInt64(out long value)
    {
        value = 0;
        return TryNumber(out var text) && text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0
            && Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    /// <summary>Consumes <c>null</c> if it is next; false (nothing consumed) otherwise.</summary>
    public bool TakeNull() => TakeLiteral("null"u8);

    public bool TakeLiteral(ReadOnlySpan<byte> literal)
    {
        SkipWhitespace();
        if (!_json[_at..].StartsWith(literal)) return false;
        _at += literal.Length;
        return true;
    }

    /// <summary>Any value, checked and discarded; <paramref name="depth"/> counts the containers around it.</summary>
    public bool SkipValue(int depth)
    {
        switch (Peek())
        {
            case (byte)'{':
                return SkipContainer(depth, (byte)'}', isObject: true);
            case (byte)'[':
                return SkipContainer(depth, (byte)']', isObject: false);
            case (byte)'"':
                return TryString(out _);
            case (byte)'t':
                return TakeLiteral("true"u8);
            case (byte)'f':
                return TakeLiteral("false"u8);
            case (byte)'n':
                return TakeNull();
            default:
                return TryNumber(out _);
        }
    }

    private bool SkipContainer(int depth, byte close, bool isObject)
    {
        if (depth + 1 > MaxDepth) return false;
        var open = _json[_at]; // seen by Peek
        bool failed;
        if (TryEnter(open, close, out failed))
        {
            do
            {
                if (isObject && !TryPropertyName(out _)) return false;
                if (!SkipValue(depth + 1)) return false;
            }
            while (Next(close, out failed));
        }
        return !failed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Is(byte b) => _at < _json.Length && _json[_at] == b;

    private bool Digits()
    {
        var json = _json;
        var at = _at;
        while (at < json.Length && (uint)(json[at] - '0') <= 9) at++;
        var any = at > _at;
        _at = at;
        return any;
    }

    // Payloads rarely hold whitespace between tokens: one inlined test, the loop only when there is some.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipWhitespace()
    {
        if (_at < _json.Length && _json[_at] > (byte)' ') return;
        SkipWhitespaceRun();
    }

    private void SkipWhitespaceRun()
    {
        var json = _json;
        var at = _at;
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') at++;
        _at = at;
    }
}
