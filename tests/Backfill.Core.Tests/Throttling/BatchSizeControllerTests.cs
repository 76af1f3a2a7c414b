using Backfill.Core.Throttling;

namespace Backfill.Core.Tests.Throttling;

public sealed class BatchSizeControllerTests
{
    private static readonly BatchSizeOptions ByTime = new()
    {
        TargetBatchTime = TimeSpan.FromSeconds(0.5),
        MinSize = 50,
        MaxSize = 20_000,
        InitialSize = 500,
        MaxGrowth = 1.2,
        Smoothing = 0.3,
    };

    // A writer that does `rate` rows per second, whatever the batch: each batch takes size / rate seconds.
    private static BatchObservation At(int rows, double rowsPerSecond) => BatchObservation.Completed(rows, TimeSpan.FromSeconds(rows / rowsPerSecond));

    [Fact]
    public void Starts_at_the_initial_size()
    {
        Assert.Equal(500, new BatchSizeController(ByTime).Size);
        Assert.Equal(50, new BatchSizeController(ByTime with { InitialSize = 10 }).Size); // clamped to the minimum
    }

    [Fact]
    public void Converges_to_rate_times_target_time()
    {
        var c = new BatchSizeController(ByTime);
        for (var i = 0; i < 30; i++) c.Next(At(c.Size, 4_000));
        Assert.Equal(2_000, c.Size); // 4,000 rows/s x 0.5 s

        // The writer slows down to 1,000 rows/s: the smoothed rate follows and the size settles at 500.
        for (var i = 0; i < 40; i++) c.Next(At(c.Size, 1_000));
        Assert.Equal(500, c.Size);
        Assert.Equal(1_000, c.SmoothedRowsPerSecond!.Value, 1);
    }

    [Fact]
    public void Grows_by_at_most_20_percent_a_step()
    {
        var c = new BatchSizeController(ByTime);
        var sizes = new List<int> { c.Size };
        for (var i = 0; i < 5; i++) sizes.Add(c.Next(At(c.Size, 1_000_000))); // wants 500,000: far above
        Assert.Equal([500, 600, 720, 864, 1_036, 1_243], sizes); // 864 x 1.2 = 1,036.8: never more than 20%
    }

    [Fact]
    public void Shrinks_at_once_when_batches_take_longer_than_the_target()
    {
        var c = new BatchSizeController(ByTime);
        Assert.Equal(100, c.Next(At(500, 200))); // 500 rows took 2.5 s: 200 rows/s x 0.5 s
    }

    [Fact]
    public void Smooths_the_rate_so_one_slow_batch_does_not_collapse_the_size()
    {
        var c = new BatchSizeController(ByTime);
        for (var i = 0; i < 30; i++) c.Next(At(c.Size, 4_000));
        Assert.Equal(2_000, c.Size);
        // One batch at a tenth of the speed: 0.3 x 400 + 0.7 x 4,000 = 2,920 rows/s, x 0.5 s.
        Assert.Equal(1_460, c.Next(At(2_000, 400)));
    }

    [Fact]
    public void Halves_after_a_timeout_then_grows_back_by_at_most_20_percent()
    {
        var c = new BatchSizeController(ByTime);
        for (var i = 0; i < 30; i++) c.Next(At(c.Size, 4_000));
        Assert.Equal(1_000, c.Next(BatchObservation.Timeout(2_000, TimeSpan.FromSeconds(2))));
        Assert.Equal(500, c.Next(BatchObservation.Timeout(1_000, TimeSpan.FromSeconds(2))));
        Assert.Equal(600, c.Next(At(500, 4_000)));
        Assert.Equal(720, c.Next(At(600, 4_000)));
    }

    [Fact]
    public void A_timeout_halves_the_rows_attempted_when_the_batch_was_smaller_than_the_size()
    {
        var c = new BatchSizeController(ByTime);
        Assert.Equal(150, c.Next(BatchObservation.Timeout(300, TimeSpan.FromSeconds(2)))); // a short last batch of 300
    }

    [Fact]
    public void Clamps_at_the_minimum_and_the_maximum()
    {
        var c = new BatchSizeController(ByTime);
        for (var i = 0; i < 10; i++) c.Next(BatchObservation.Timeout(c.Size, TimeSpan.FromSeconds(2)));
        Assert.Equal(50, c.Size);
        Assert.Equal(50, c.Next(At(50, 10))); // 10 rows/s wants 5 rows: not below the minimum

        for (var i = 0; i < 100; i++) c.Next(At(c.Size, 10_000_000));
        Assert.Equal(20_000, c.Size);
        Assert.Equal(20_000, c.Next(BatchObservation.Completed(20_000, TimeSpan.Zero))); // too fast to measure: still capped
    }

    [Fact]
    public void Few_rows_over_a_wide_key_span_are_judged_by_rows_per_second_not_by_the_span()
    {
        // A sparse range of NULLs: the batch asked for 500 rows but its keys spanned a million and only
        // 40 candidates came back, in 10 ms. The observation carries rows and time only; 40 rows in
        // 10 ms is 4,000 rows/s, the same speed as 500 rows in 125 ms, so the size moves the same way.
        var sparse = new BatchSizeController(ByTime);
        var dense = new BatchSizeController(ByTime);
        var a = sparse.Next(BatchObservation.Completed(40, TimeSpan.FromMilliseconds(10)));
        var b = dense.Next(BatchObservation.Completed(500, TimeSpan.FromMilliseconds(125)));
        Assert.Equal(b, a);
        Assert.Equal(600, a); // grows (capped), does not shrink towards 40

        // And a short batch that was slow per row shrinks by its rate, not by how few rows it had.
        var slow = new BatchSizeController(ByTime);
        Assert.Equal(100, slow.Next(BatchObservation.Completed(40, TimeSpan.FromMilliseconds(200)))); // 200 rows/s x 0.5 s
    }

    [Fact]
    public void An_empty_batch_teaches_nothing()
    {
        var c = new BatchSizeController(ByTime);
        Assert.Equal(500, c.Next(BatchObservation.Completed(0, TimeSpan.FromSeconds(3))));
        Assert.Null(c.SmoothedRowsPerSecond);
    }

    [Fact]
    public void A_fixed_size_is_always_honoured()
    {
        var c = new BatchSizeController(BatchSizeOptions.Fixed(123));
        Assert.True(c.IsFixed);
        Assert.Equal(123, c.Size);
        Assert.Equal(123, c.Next(At(123, 1_000_000)));
        Assert.Equal(123, c.Next(At(123, 1)));
        Assert.Equal(123, c.Next(BatchObservation.Timeout(123, TimeSpan.FromSeconds(2))));
        Assert.Equal(3, new BatchSizeController(BatchSizeOptions.Fixed(3)).Next(At(3, 1))); // below the default minimum: still 3
    }

    [Fact]
    public void Small_sizes_can_still_grow()
    {
        var c = new BatchSizeController(ByTime with { MinSize = 1, InitialSize = 2 });
        Assert.Equal(3, c.Next(At(2, 1_000))); // 2 x 1.2 rounds down to 2: grows by one row instead of never
    }

    [Theory]
    [InlineData(500, 250)]
    [InlineData(101, 50)]
    [InlineData(90, 50)] // never below the minimum
    public void A_timed_out_batch_is_retried_at_half_its_rows_down_to_the_minimum(int attempted, int retry)
    {
        Assert.Equal(retry, new BatchSizeController(ByTime).RetrySize(attempted));
        Assert.Equal(retry, new BatchSizeController(BatchSizeOptions.Fixed(attempted)).RetrySize(attempted)); // fixed mode too
    }

    [Fact]
    public void A_batch_already_at_the_minimum_is_not_retried()
    {
        var c = new BatchSizeController(ByTime);
        Assert.Null(c.RetrySize(50));
        Assert.Null(c.RetrySize(20)); // a short last batch
        Assert.Null(new BatchSizeController(ByTime with { MinSize = 1 }).RetrySize(1));
    }

    [Fact]
    public void The_retry_chain_of_a_persistent_timeout_ends_at_the_minimum()
    {
        var c = new BatchSizeController(ByTime);
        var chain = new List<int>();
        for (int? size = 500; size is { } s; size = c.RetrySize(s)) chain.Add(s);
        Assert.Equal([500, 250, 125, 62, 50], chain);
    }

    [Theory]
    [InlineData(0, 100, 0.5)]
    [InlineData(100, 50, 0.5)]
    [InlineData(50, 100, 0)]
    public void Invalid_options_are_rejected(int min, int max, double seconds)
    {
        Assert.Throws<ArgumentException>(() => new BatchSizeController(ByTime with { MinSize = min, MaxSize = max, TargetBatchTime = TimeSpan.FromSeconds(seconds) }));
    }
}
