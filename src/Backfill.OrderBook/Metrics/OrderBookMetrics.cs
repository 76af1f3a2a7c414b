namespace Backfill.OrderBook;

/// <summary>
/// Order-book metrics of one snapshot for the home/away/draw roles, written into caller-owned
/// buffers so computing a row allocates nothing. Definitions: docs/metrics.md.
/// </summary>
public static class OrderBookMetrics
{
    /// <summary>Every metric column name, in the fixed order of the <c>values</c> slots.</summary>
    public static IReadOnlyList<string> Names => MetricLayout.Names;

    /// <summary>The slot of a column name, or -1 when there is no such metric.</summary>
    public static int IndexOf(string name) => MetricLayout.IndexOf(name);

    /// <summary>
    /// Fills <paramref name="values"/>[i] for <see cref="Names"/>[i]; NULL means the snapshot cannot
    /// support that value. Pass an empty <paramref name="nullReasons"/> on the hot path; otherwise it
    /// receives a <see cref="NullReasons"/> string for each NULL value and null for the others.
    /// </summary>
    public static void Compute(MarketBook book, RoleMap roles, Span<double?> values, Span<string?> nullReasons)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (values.Length != MetricLayout.Count)
        {
            throw new ArgumentException($"Expected {MetricLayout.Count} value slots, got {values.Length}.", nameof(values));
        }

        if (!nullReasons.IsEmpty && nullReasons.Length != MetricLayout.Count)
        {
            throw new ArgumentException(
                $"Expected no reason slots or {MetricLayout.Count}, got {nullReasons.Length}.", nameof(nullReasons));
        }

        var sink = new MetricSink(values, nullReasons);
        var cast = RoleCast.Resolve(book, roles);
        for (var role = 0; role < MetricLayout.RoleCount; role++)
        {
            var start = MetricLayout.RoleBase(role);
            if (cast.Runner(role) is { } runner)
            {
                RoleQuoteColumns.Write(sink, runner, start);
            }
            else
            {
                sink.SetNullRange(start, MetricLayout.PerRole, cast.Absence(role));
            }
        }

        RiskColumns.Write(sink, cast);
        ImpedanceColumns.Write(sink, book, cast);
        MarketLevelColumns.Write(sink, book, cast);
        SpreadTicksColumns.Write(sink, cast);
    }

    /// <summary>
    /// C: no usable payload (<paramref name="book"/> null). A: metadata present and home, away and
    /// draw all in the book, each carrying both ladder arrays (an empty side is a fact about the
    /// market, reconstructed exactly; a missing array is missing data), and the book has at least one
    /// offer. B: anything else.
    /// </summary>
    public static EligibilityTier Classify(MarketBook? book, RoleMap? roles)
    {
        if (book is null)
        {
            return EligibilityTier.C;
        }

        return roles is { } map && HasAnyLevel(book) && IsQuoted(book, map.Home) && IsQuoted(book, map.Away) && IsQuoted(book, map.Draw)
            ? EligibilityTier.A
            : EligibilityTier.B;
    }

    // A book with no offers at all (suspended, settled) rebuilds nothing.
    private static bool HasAnyLevel(MarketBook book)
    {
        foreach (var runner in book.Runners)
        {
            if (runner.Back.Length > 0 || runner.Lay.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQuoted(MarketBook book, long? selectionId) =>
        selectionId is { } id
        && RoleCast.FindRunner(book, id) is { } runner
        && runner.HasBothLadders;
}
