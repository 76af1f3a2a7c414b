using Backfill.Core.Pipelines;

namespace Backfill.Core.Tests.Pipelines;

public sealed class PipelineRequestTests
{
    private static readonly PipelineRequest Range = new() { Pipeline = "nba", StartDate = new(2021, 10, 19), EndDate = new(2022, 4, 10) };

    [Fact]
    public void A_range_or_dates_is_required_but_not_both()
    {
        Assert.Throws<ArgumentException>(() => new PipelineRequest { Pipeline = "nba" }.Validate());
        Assert.Throws<ArgumentException>(() => (Range with { Dates = [new(2022, 1, 1)] }).Validate());
        Assert.Equal(new DateOnly(2022, 1, 3), (new PipelineRequest { Pipeline = "nba", Dates = [new(2022, 1, 3), new(2022, 1, 1)] }.Validate()).To);
    }

    [Fact]
    public void Start_after_end_parallel_out_of_bounds_and_a_sample_outside_the_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => (Range with { StartDate = new(2023, 1, 1) }).Validate());
        Assert.Throws<ArgumentException>(() => (Range with { Parallel = 0 }).Validate());
        Assert.Throws<ArgumentException>(() => (Range with { SampleStart = new(2021, 1, 1), SampleEnd = new(2021, 1, 7) }).Validate());
        Assert.True((Range with { SampleStart = new(2022, 1, 10), SampleEnd = new(2022, 1, 17) }).Validate().HasSample);
    }

    [Fact]
    public void Sample_ranges_and_dates_parse_or_say_what_is_wrong()
    {
        Assert.Equal((new DateOnly(2022, 1, 10), new DateOnly(2022, 1, 17)), PipelineRequest.ParseRange("2022-01-10..2022-01-17", "--sample"));
        Assert.Contains("--sample", Assert.Throws<FormatException>(() => PipelineRequest.ParseRange("2022-01-10", "--sample")).Message);
        Assert.Contains("YYYY-MM-DD", Assert.Throws<FormatException>(() => PipelineRequest.ParseDate("10/01/2022", "--start-date")).Message);
    }

    [Fact]
    public void The_first_seven_days_of_a_season_are_bootstrap_by_calendar_day()
    {
        var season = new Season("2021-22", new(2021, 10, 19), new(2022, 4, 10));
        Assert.True(season.IsBootstrap(new(2021, 10, 19), 7));
        Assert.True(season.IsBootstrap(new(2021, 10, 25), 7));
        Assert.False(season.IsBootstrap(new(2021, 10, 26), 7));
        Assert.False(season.IsBootstrap(new(2021, 10, 19), 0));
    }
}
