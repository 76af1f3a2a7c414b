namespace Backfill.OrderBook.Tests.Metrics;

/// <summary>One computed row, read by column name. Slots start as sentinels so an unwritten slot is caught.</summary>
internal sealed class MetricRow
{
    public const double UnwrittenValue = -999_999;
    public const string UnwrittenReason = "unwritten";

    private MetricRow(double?[] values, string?[] reasons)
    {
        Values = values;
        Reasons = reasons;
    }

    public double?[] Values { get; }

    public string?[] Reasons { get; }

    public static MetricRow Compute(MarketBook book, RoleMap roles)
    {
        var values = Enumerable.Repeat<double?>(UnwrittenValue, OrderBookMetrics.Names.Count).ToArray();
        var reasons = Enumerable.Repeat<string?>(UnwrittenReason, OrderBookMetrics.Names.Count).ToArray();
        OrderBookMetrics.Compute(book, roles, values, reasons);
        return new MetricRow(values, reasons);
    }

    public double? this[string name] => Values[Index(name)];

    public string? Reason(string name) => Reasons[Index(name)];

    /// <summary>Asserts the column is non-NULL, has no reason, and equals <paramref name="expected"/> to 9 decimals.</summary>
    public void AssertValue(string name, double expected, int precision = 9)
    {
        var value = this[name];
        Assert.True(value.HasValue, $"{name} is NULL ({Reason(name)})");
        Assert.Equal(expected, value.Value, precision);
        Assert.Null(Reason(name));
    }

    public void AssertNull(string name, string reason)
    {
        Assert.Null(this[name]);
        Assert.Equal(reason, Reason(name));
    }

    private static int Index(string name)
    {
        var index = OrderBookMetrics.IndexOf(name);
        Assert.True(index >= 0, $"unknown metric {name}");
        return index;
    }
}
