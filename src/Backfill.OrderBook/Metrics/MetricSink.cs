namespace Backfill.OrderBook;

/// <summary>
/// Writes one row of metric values and, only when the caller asked for them, the reason for
/// each NULL. Every write also clears or sets the reason slot, so reused buffers never carry
/// a stale reason.
/// </summary>
internal readonly ref struct MetricSink
{
    private readonly Span<double?> _values;
    private readonly Span<string?> _reasons;

    public MetricSink(Span<double?> values, Span<string?> reasons)
    {
        _values = values;
        _reasons = reasons;
    }

    public void Set(int index, double value)
    {
        _values[index] = value;
        if (!_reasons.IsEmpty)
        {
            _reasons[index] = null;
        }
    }

    public void SetOrNull(int index, double? value, string reasonIfNull)
    {
        if (value is { } known)
        {
            Set(index, known);
        }
        else
        {
            SetNull(index, reasonIfNull);
        }
    }

    public void SetNull(int index, string reason)
    {
        _values[index] = null;
        if (!_reasons.IsEmpty)
        {
            _reasons[index] = reason;
        }
    }

    public void SetNullRange(int start, int count, string reason)
    {
        _values.Slice(start, count).Clear();
        if (!_reasons.IsEmpty)
        {
            _reasons.Slice(start, count).Fill(reason);
        }
    }
}
