using static Backfill.OrderBook.Tests.Metrics.TestBooks;

namespace Backfill.OrderBook.Tests.Metrics;

/// <summary>The original platform's published test cases (also worked through in docs/metrics.md).</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void Book_risk_matches_published_example()
    {
        var book = Book(
            Runner(1, back: [new(2.96, 321), new(2.98, 103), new(3.00, 583)]),
            Runner(2, back: [new(2.32, 813), new(2.34, 1105), new(2.36, 153)]),
            Runner(3, back: [new(3.85, 138), new(3.90, 82), new(3.95, 21)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("home_book_risk_l3", -312.90, precision: 2);
        row.AssertValue("away_book_risk_l3", 1513.94, precision: 2);
        row.AssertValue("draw_book_risk_l3", -2384.95, precision: 2);
    }

    [Fact]
    public void Risk_matches_published_example()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100), new(2.2, 50)]),
            Runner(2, back: [new(3.0, 80)]),
            Runner(3, back: [new(4.0, 40)]));

        var row = MetricRow.Compute(book, StandardRoles);

        row.AssertValue("home_risk", -120);
        row.AssertValue("away_risk", -120);
        row.AssertValue("draw_risk", -200);
    }

    [Fact]
    public void Impedance_matches_published_example()
    {
        var book = Book(
            Runner(1, back: [new(2.0, 100)], lay: [new(2.02, 50)]),
            Runner(2, back: [new(3.0, 60)], lay: [new(3.1, 40)]));

        var row = MetricRow.Compute(book, new RoleMap(Home: 1, Away: 2, Draw: null));

        row.AssertValue("home_impedance", 29);
        row.AssertValue("away_impedance", -14);
        row.AssertValue("home_impedance_norm", 29.0 / 250);
        row.AssertValue("away_impedance_norm", -14.0 / 250);
    }
}
