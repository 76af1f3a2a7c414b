using System.Text.Json;
using Backfill.Core.Jobs;
using Backfill.Core.Runs;
using Backfill.Core.Throttling;

namespace Backfill.Core.Tests.Throttling;

/// <summary>How the run options become the stored settings, the sizing and the throttle, and what is rejected.</summary>
public sealed class RunSettingsTests
{
    private static readonly JobSpec Job = new()
    {
        Name = "j",
        Processor = "fake",
        Source = new SourceSpec { Table = "raw", Key = "id" },
        Target = new TargetSpec { Table = "d", Key = "id", Columns = [new ColumnMapping("a", "a")] },
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void By_default_batches_are_sized_by_time_from_500_rows_with_timeouts_and_no_load_limits()
    {
        var settings = new RunRequest { Job = Job }.Validate().Settings;
        var sizing = settings.Sizing();
        Assert.Null(sizing.FixedSize);
        Assert.Equal((TimeSpan.FromSeconds(0.5), 50, 5_000, 500), (sizing.TargetBatchTime, sizing.MinSize, sizing.MaxSize, sizing.InitialSize));
        Assert.Equal(new BatchTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)), settings.Timeouts());
        Assert.False(settings.Throttle().UsesLoad);
        Assert.Equal("batch-time 0.5 s (50–5,000 rows)", settings.DescribeBatching());
    }

    [Fact]
    public void A_batch_size_fixes_every_batch()
    {
        var settings = new RunRequest { Job = Job, BatchSize = 2 }.Validate().Settings;
        Assert.Equal(2, settings.Sizing().FixedSize);
        Assert.Null(settings.BatchTime);
        Assert.Equal("batch-size 2", settings.DescribeBatching());
    }

    [Fact]
    public void Several_writers_are_kept_in_the_settings_and_named_in_the_summary()
    {
        var settings = new RunRequest { Job = Job, BatchSize = 2, Writers = 3 }.Validate().Settings;
        Assert.Equal(3, settings.WriterCount);
        Assert.Equal("batch-size 2, 3 writers", settings.DescribeBatching());
        Assert.Equal(settings, JsonSerializer.Deserialize<RunSettings>(JsonSerializer.Serialize(settings, Json), Json)); // --resume keeps them
        Assert.Equal(1, new RunRequest { Job = Job, Writers = 1 }.Validate().Settings.WriterCount);
        Assert.Null(new RunRequest { Job = Job, Writers = 1 }.Validate().Settings.Writers); // one writer is the default: not stored
    }

    [Fact]
    public void Settings_survive_the_ledger_round_trip_so_a_resumed_run_keeps_them()
    {
        var request = new RunRequest
        {
            Job = Job, BatchTime = TimeSpan.FromSeconds(1.5), MinBatch = 10, MaxBatch = 900, MaxLoad = 8, CriticalLoad = 16,
            MaxLag = TimeSpan.FromSeconds(30), DutyCycle = 0.5, LockTimeout = TimeSpan.FromMilliseconds(250), StatementTimeout = TimeSpan.Zero,
        }.Validate();
        var stored = JsonSerializer.Deserialize<RunSettings>(JsonSerializer.Serialize(request.Settings, Json), Json)!;
        Assert.Equal(request.Settings, stored);
        Assert.Equal(new BatchSizeOptions { TargetBatchTime = TimeSpan.FromSeconds(1.5), MinSize = 10, MaxSize = 900, InitialSize = 500 }, stored.Sizing());
        Assert.Equal(new ThrottleOptions { MaxLoad = 8, CriticalLoad = 16, MaxLagSeconds = 30, DutyCycle = 0.5 }, stored.Throttle());
        Assert.Equal(new BatchTimeouts(TimeSpan.FromMilliseconds(250), TimeSpan.Zero), stored.Timeouts());
    }

    [Fact]
    public void A_run_recorded_before_sizing_by_time_resumes_as_it_ran()
    {
        var old = JsonSerializer.Deserialize<RunSettings>("""{"limit":null,"batchSize":500,"from":null,"to":null,"overwrite":false}""", Json)!;
        Assert.Equal(500, old.Sizing().FixedSize);
        Assert.True(old.Timeouts().IsNone);
        Assert.False(old.Throttle().UsesLoad);
        Assert.Null(old.Throttle().DutyCycle);
        Assert.Equal(1, old.WriterCount);
    }

    [Fact]
    public void A_max_batch_below_the_default_minimum_lowers_the_minimum()
    {
        var sizing = new RunRequest { Job = Job, MaxBatch = 20 }.Validate().Settings.Sizing();
        Assert.Equal((20, 20, 20), (sizing.MinSize, sizing.MaxSize, new BatchSizeController(sizing).Size));
    }

    [Theory]
    [InlineData("batch-size and batch-time", "give one of them")]
    [InlineData("batch-size and max-batch", "--max-batch bounds sizing by time")]
    [InlineData("zero batch-time", "--batch-time must be more than 0")]
    [InlineData("min above max", "--min-batch (600) must not be above --max-batch (500)")]
    [InlineData("zero min-batch", "--min-batch must be between 1 and")]
    [InlineData("critical not above max", "--critical-load (3) must be above --max-load (5)")]
    [InlineData("duty-cycle above 1", "--duty-cycle must be more than 0 and at most 1")]
    [InlineData("duty-cycle zero", "--duty-cycle must be more than 0 and at most 1")]
    [InlineData("negative lock-timeout", "--lock-timeout must be between 0")]
    [InlineData("zero max-lag", "--max-lag must be more than 0")]
    public void Invalid_combinations_are_rejected_with_the_option_named(string mistake, string message)
    {
        var request = mistake switch
        {
            "batch-size and batch-time" => new RunRequest { Job = Job, BatchSize = 100, BatchTime = TimeSpan.FromSeconds(1) },
            "batch-size and max-batch" => new RunRequest { Job = Job, BatchSize = 100, MaxBatch = 1000 },
            "zero batch-time" => new RunRequest { Job = Job, BatchTime = TimeSpan.Zero },
            "min above max" => new RunRequest { Job = Job, MinBatch = 600, MaxBatch = 500 },
            "zero min-batch" => new RunRequest { Job = Job, MinBatch = 0 },
            "critical not above max" => new RunRequest { Job = Job, MaxLoad = 5, CriticalLoad = 3 },
            "duty-cycle above 1" => new RunRequest { Job = Job, DutyCycle = 1.01 },
            "duty-cycle zero" => new RunRequest { Job = Job, DutyCycle = 0 },
            "negative lock-timeout" => new RunRequest { Job = Job, LockTimeout = TimeSpan.FromSeconds(-1) },
            "zero max-lag" => new RunRequest { Job = Job, MaxLag = TimeSpan.Zero },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        var e = Assert.Throws<ArgumentException>(() => request.Validate());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_says_what_throttling_did()
    {
        Assert.Null(new ThrottleSummary { Batching = "batch-size 10" }.Describe());
        var summary = new ThrottleSummary
        {
            Batching = "batch-time 0.5 s",
            Pauses = 2,
            PausedSeconds = 3.25,
            PauseReason = "load 9 > max 4",
            Timeouts = 5,
            FailedRanges = [new FailedRange(101, 150, 50, 48, "lock_timeout")],
        };
        Assert.Equal("paused 2 times (3.3 s; first: load 9 > max 4); 5 batch timeouts; 1 failed range (error:timeout, keys 101..150; run the job again to fill them)",
            summary.Describe());
    }
}
