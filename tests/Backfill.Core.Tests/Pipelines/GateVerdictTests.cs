using Backfill.Core.Pipelines;

namespace Backfill.Core.Tests.Pipelines;

public sealed class GateVerdictTests
{
    // Seed 004's sample thresholds: 35-45% PROCEED, 45-60% PROCEED with a concern (WARN), above 60% STOP.
    private static readonly NullRateGate Seed004 = new() { Name = "n", Scope = "p", Table = "t", Column = "minutes_played", ProceedMaxPct = 45, WarnMaxPct = 60 };

    [Theory]
    [InlineData(40, Verdict.Proceed)]
    [InlineData(45, Verdict.Proceed)]
    [InlineData(45.1, Verdict.Warn)]
    [InlineData(60, Verdict.Warn)]
    [InlineData(60.1, Verdict.Stop)]
    [InlineData(99.49, Verdict.Stop)]
    public void Null_rate_maps_to_the_runbook_verdicts(double nullPct, Verdict expected)
    {
        var (value, verdict, detail) = GateVerdicts.NullRate(Seed004, 10_000, (long)Math.Round(nullPct * 100));
        Assert.Equal(expected, verdict);
        Assert.Equal(nullPct, value!.Value, 6);
        Assert.Contains("minutes_played NULL", detail);
    }

    [Fact]
    public void A_null_rate_over_no_rows_is_a_stop_not_a_pass() =>
        Assert.Equal(Verdict.Stop, GateVerdicts.NullRate(Seed004, 0, 0).Item2);

    [Theory]
    [InlineData(170, 170, Verdict.Proceed)]
    [InlineData(169, 170, Verdict.Proceed)] // 99.4%
    [InlineData(160, 170, Verdict.Warn)] // 94.1%
    [InlineData(150, 170, Verdict.Stop)] // 88.2%
    public void Coverage_compares_dates_with_rows_to_dates_expected(int covered, int expected, Verdict verdict)
    {
        var gate = new CoverageGate { Name = "c", Scope = "p", Table = "t", ProceedMinPct = 99, WarnMinPct = 90 };
        Assert.Equal(verdict, GateVerdicts.Coverage(gate, expected, covered).Item2);
    }

    [Theory]
    [InlineData(1_600, 10, Verdict.Proceed)]
    [InlineData(50, 10, Verdict.Stop)]
    [InlineData(5_000, 10, Verdict.Stop)]
    [InlineData(0, 0, Verdict.Stop)]
    public void Volume_is_rows_per_covered_date_within_bounds(long rows, int dates, Verdict verdict)
    {
        var gate = new VolumeGate { Name = "v", Scope = "p", Table = "t", MinRowsPerDate = 10, MaxRowsPerDate = 400 };
        Assert.Equal(verdict, GateVerdicts.Volume(gate, rows, dates).Item2);
    }

    [Fact]
    public void Quality_buckets_count_every_row_once_and_judge_the_good_share()
    {
        var gate = new QualityBucketsGate { Name = "q", Scope = "p", Table = "t", Column = "completeness_pct", ProceedMinPct = 80, WarnMinPct = 50 };
        double?[] values = [100, 90, 95, 80, 70, 60, 50, 10, 0, null];

        var (good, verdict, detail) = GateVerdicts.Quality(gate, values);

        Assert.Equal(30, good);
        Assert.Equal(Verdict.Stop, verdict);
        Assert.Contains(">=90: 3 (30.0%)", detail);
        Assert.Contains("70-90: 2 (20.0%)", detail);
        Assert.Contains("50-70: 2 (20.0%)", detail);
        Assert.Contains("<50: 3 (30.0%)", detail);
    }
}
