using static Backfill.OrderBook.MetricLayout;

namespace Backfill.OrderBook;

/// <summary>A role's own ladder columns: level prices and sizes, spread, and depth-4 stake/VWAP per side.</summary>
internal static class RoleQuoteColumns
{
    private const int StakeDepth = 4;

    public static void Write(MetricSink sink, RunnerBook runner, int start)
    {
        var back = runner.Back;
        var lay = runner.Lay;

        WriteLevel(sink, start + BestBack, back, 0, LevelPart.Price);
        WriteLevel(sink, start + BestLay, lay, 0, LevelPart.Price);
        WriteSpread(sink, start + Spread, back, lay);
        WriteLevel(sink, start + BestBackSizeL1, back, 0, LevelPart.Size);
        WriteLevel(sink, start + BestLaySizeL1, lay, 0, LevelPart.Size);
        WriteLevel(sink, start + BackOddsL2, back, 1, LevelPart.Price);
        WriteLevel(sink, start + BackSizeL2, back, 1, LevelPart.Size);
        WriteLevel(sink, start + BackOddsL3, back, 2, LevelPart.Price);
        WriteLevel(sink, start + BackSizeL3, back, 2, LevelPart.Size);

        // An empty side has a real stake of 0, but no price to average.
        var backDepth = SideDepth.Of(back, StakeDepth);
        sink.Set(start + BackStake, backDepth.Stake);
        sink.SetOrNull(start + BackOdds, backDepth.WeightedPrice, NullReasons.EmptySide);

        var layDepth = SideDepth.Of(lay, StakeDepth);
        sink.Set(start + LayStake, layDepth.Stake);
        sink.SetOrNull(start + LayOdds, layDepth.WeightedPrice, NullReasons.EmptySide);
    }

    /// <summary>Nothing quoted on the side is <c>empty_side</c>; a quoted side too shallow for the level is <c>missing_level</c>.</summary>
    private static void WriteLevel(MetricSink sink, int index, Level[] side, int level, LevelPart part)
    {
        if (side.Length == 0)
        {
            sink.SetNull(index, NullReasons.EmptySide);
        }
        else if (level >= side.Length)
        {
            sink.SetNull(index, NullReasons.MissingLevel);
        }
        else
        {
            sink.Set(index, part == LevelPart.Price ? side[level].Price : side[level].Size);
        }
    }

    private static void WriteSpread(MetricSink sink, int index, Level[] back, Level[] lay)
    {
        if (back.Length == 0 || lay.Length == 0)
        {
            sink.SetNull(index, NullReasons.EmptySide);
        }
        else
        {
            sink.Set(index, lay[0].Price - back[0].Price);
        }
    }

    private enum LevelPart
    {
        Price,
        Size,
    }
}
