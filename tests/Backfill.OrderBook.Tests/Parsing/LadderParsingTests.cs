using static Backfill.OrderBook.Tests.Parsing.Payloads;

namespace Backfill.OrderBook.Tests.Parsing;

public sealed class LadderParsingTests
{
    [Fact]
    public void Reads_object_levels()
    {
        var runner = OnlyRunner("""{"availableToBack":[{"price":2.5,"size":10}],"availableToLay":[{"size":7,"price":2.6}]}""");

        Assert.Equal([new Level(2.5, 10)], runner.Back);
        Assert.Equal([new Level(2.6, 7)], runner.Lay);
    }

    [Fact]
    public void Reads_pair_levels_and_mixed_sides()
    {
        var runner = OnlyRunner("""{"availableToBack":[[2.5,10],{"price":2.4,"size":3}],"availableToLay":[[2.6, 7.5]]}""");

        Assert.Equal([new Level(2.5, 10), new Level(2.4, 3)], runner.Back);
        Assert.Equal([new Level(2.6, 7.5)], runner.Lay);
    }

    [Fact]
    public void Drops_unusable_levels()
    {
        var runner = OnlyRunner("""
            {"availableToBack":[
               {"price":1.0,"size":10}, {"price":0.5,"size":10}, {"price":2.0,"size":0},
               {"price":2.1,"size":-3}, [1e400, 5], [3.0, 1e400], {"size":5}, {"price":2.2},
               {"price":null,"size":4}, {"price":2.3,"size":null}, {"price":1.01,"size":0.01}],
             "availableToLay":[[1,100],[0,0]]}
            """);

        Assert.Equal([new Level(1.01, 0.01)], runner.Back);
        Assert.Empty(runner.Lay);
    }

    [Fact]
    public void Sorts_back_descending_and_lay_ascending()
    {
        var runner = OnlyRunner("""
            {"availableToBack":[[2.0,1],[2.2,2],[1.9,3],[2.1,4]],
             "availableToLay":[[2.4,1],[2.2,2],[2.5,3],[2.3,4]]}
            """);

        Assert.Equal([2.2, 2.1, 2.0, 1.9], runner.Back.Select(level => level.Price));
        Assert.Equal([2, 4, 1, 3], runner.Back.Select(level => level.Size));
        Assert.Equal([2.2, 2.3, 2.4, 2.5], runner.Lay.Select(level => level.Price));
    }

    [Fact]
    public void Long_unsorted_ladders_are_read_whole()
    {
        var prices = Enumerable.Range(1, 40).Select(i => 1 + (i / 10.0)).ToArray();
        var backJson = string.Join(",", prices.Select(price => $"[{price},{price * 2}]"));

        var runner = OnlyRunner($$"""{"availableToBack":[{{backJson}}]}""");

        Assert.Equal(40, runner.Back.Length);
        Assert.Equal(prices.Reverse(), runner.Back.Select(level => level.Price));
        Assert.Equal(new Level(5.0, 10.0), runner.Back[0]);
    }

    [Theory]
    [InlineData("""{"selectionId":1}""")]
    [InlineData("""{"selectionId":1,"ex":null}""")]
    [InlineData("""{"selectionId":1,"ex":{}}""")]
    [InlineData("""{"selectionId":1,"ex":{"availableToBack":null,"availableToLay":[]}}""")]
    public void Missing_ex_or_side_is_an_empty_side(string runnerJson)
    {
        var runner = Assert.Single(Read($$"""{"runners":[{{runnerJson}}]}""").Runners);

        Assert.Empty(runner.Back);
        Assert.Empty(runner.Lay);
    }

    [Fact]
    public void One_missing_side_leaves_the_other_intact()
    {
        var runner = OnlyRunner("""{"availableToLay":[[3.0,5]]}""");

        Assert.Empty(runner.Back);
        Assert.Equal([new Level(3.0, 5)], runner.Lay);
    }

    [Fact]
    public void Hand_built_runners_are_normalised_too()
    {
        var runner = new RunnerBook
        {
            Back = [new(2.0, 1), new(1.0, 5), new(2.2, 2), new(2.1, 0)],
            Lay = [new(2.4, 1), new(2.3, 2)],
        };

        Assert.Equal([new Level(2.2, 2), new Level(2.0, 1)], runner.Back);
        Assert.Equal([new Level(2.3, 2), new Level(2.4, 1)], runner.Lay);
    }

    [Fact]
    public void Already_normal_ladders_are_not_copied()
    {
        Level[] back = [new(2.2, 2), new(2.0, 1)];

        var runner = new RunnerBook { Back = back };

        Assert.Same(back, runner.Back);
    }
}
