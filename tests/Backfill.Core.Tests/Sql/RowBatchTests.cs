using Backfill.Core.Sql;

namespace Backfill.Core.Tests.Sql;

public sealed class RowBatchTests
{
    [Fact]
    public void Releasing_a_batch_twice_gives_its_arrays_back_once()
    {
        var released = new RowBatch(100, inputs: 1, carry: 1, targets: 24);
        released.ReleaseValues();
        released.ReleaseValues();

        // An array returned twice would be handed to two batches at once: one would overwrite the other's rows.
        var a = new RowBatch(100, inputs: 1, carry: 1, targets: 24);
        var b = new RowBatch(100, inputs: 1, carry: 1, targets: 24);
        Assert.NotSame(a.Current, b.Current);
        Assert.NotSame(a.Inputs, b.Inputs);
        Assert.NotSame(a.Carry, b.Carry);
    }

    [Fact]
    public void A_released_batch_keeps_its_keys_and_the_next_batch_gets_no_payloads_of_it()
    {
        var batch = new RowBatch(10, inputs: 1, carry: 1, targets: 2);
        batch.Keys[0] = 42;
        batch.Inputs[0] = "a payload";
        batch.Carry[0] = "1.234";
        batch.Count = 1;
        batch.ReleaseValues();

        var next = new RowBatch(10, inputs: 1, carry: 1, targets: 2);
        Assert.Equal(42, batch.Keys[0]);
        Assert.Equal(1, batch.Count);
        Assert.All(next.Inputs, Assert.Null);
        Assert.All(next.Carry, Assert.Null);
    }
}
