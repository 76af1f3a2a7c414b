using Backfill.Core.Jobs;
using Backfill.Core.Runs;

namespace Backfill.Core.Tests.Runs;

public sealed class RunRequestTests
{
    private static readonly JobSpec Job = new()
    {
        Name = "j",
        Processor = "fake",
        Source = new SourceSpec { Table = "raw", Key = "id" },
        Target = new TargetSpec { Table = "d", Key = "id", Columns = [new ColumnMapping("a", "a")] },
    };

    [Theory]
    [InlineData(0L, 500, false, false, "--limit")]
    [InlineData(null, 0, false, false, "--batch-size")]
    [InlineData(null, 100_001, false, false, "--batch-size")]
    [InlineData(null, 500, true, true, "--resume")]
    public void Invalid_options_are_rejected_before_anything_runs(long? limit, int batch, bool resume, bool dryRun, string named)
    {
        var request = new RunRequest { Job = Job, Limit = limit, BatchSize = batch, Resume = resume, DryRun = dryRun };
        Assert.Contains(named, Assert.Throws<ArgumentException>(() => request.Validate()).Message);
    }

    [Fact]
    public void A_window_must_end_after_it_starts()
    {
        var t = new DateTime(2026, 2, 14, 0, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentException>(() => new RunRequest { Job = Job, From = t, To = t }.Validate());
        Assert.NotNull(new RunRequest { Job = Job, From = t, To = t.AddDays(1) }.Validate());
    }

    [Fact]
    public void Progress_gives_rows_per_second_and_eta()
    {
        var p = new RunProgress(Processed: 1000, Total: 3000, 0, 0, 0, 0, TimeSpan.FromSeconds(2));
        Assert.Equal(500, p.RowsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(4), p.Eta);
    }
}
