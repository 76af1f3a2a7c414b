using static Backfill.OrderBook.MetricLayout;

namespace Backfill.OrderBook;

/// <summary>Columns about the whole market: matched volume and the back/lay overround of the three roles.</summary>
internal static class MarketLevelColumns
{
    public static void Write(MetricSink sink, MarketBook book, in RoleCast cast)
    {
        sink.SetOrNull(TotalVolume, MatchedVolume(book), NullReasons.MissingVolume);
        WriteBookPercent(sink, BackBookPct, cast, back: true);
        WriteBookPercent(sink, LayBookPct, cast, back: false);
    }

    /// <summary>The market's own figure wins; the runners' sum is the fallback when it is absent.</summary>
    private static double? MatchedVolume(MarketBook book)
    {
        if (book.TotalMatched is { } marketTotal)
        {
            return marketTotal;
        }

        double? sum = null;
        var runners = book.Runners;
        for (var i = 0; i < runners.Count; i++)
        {
            if (runners[i].TotalMatched is { } runnerTotal)
            {
                sum = (sum ?? 0) + runnerTotal;
            }
        }

        return sum;
    }

    private static void WriteBookPercent(MetricSink sink, int index, in RoleCast cast, bool back)
    {
        if (!cast.AllPresent)
        {
            sink.SetNull(index, NullReasons.MissingRole);
            return;
        }

        double percent = 0;
        for (var role = 0; role < RoleCount; role++)
        {
            var runner = cast.Runner(role)!;
            var side = back ? runner.Back : runner.Lay;
            if (side.Length == 0)
            {
                sink.SetNull(index, NullReasons.EmptySide);
                return;
            }

            percent += 100 / side[0].Price;
        }

        sink.Set(index, percent);
    }
}
