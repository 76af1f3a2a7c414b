using Backfill.OrderBook.Ladder;
using static Backfill.OrderBook.MetricLayout;

namespace Backfill.OrderBook;

/// <summary>r_spread_ticks: ladder ticks from best back up to best lay (1 on a tight book).</summary>
internal static class SpreadTicksColumns
{
    public static void Write(MetricSink sink, in RoleCast cast)
    {
        for (var role = 0; role < RoleCount; role++)
        {
            var index = SpreadTicksBase + role;
            if (cast.Runner(role) is not { } runner)
            {
                sink.SetNull(index, cast.Absence(role));
            }
            else if (runner.Back.Length == 0 || runner.Lay.Length == 0)
            {
                sink.SetNull(index, NullReasons.EmptySide);
            }
            else
            {
                sink.SetOrNull(index, PriceLadder.TicksBetween(runner.Back[0].Price, runner.Lay[0].Price), NullReasons.OffLadder);
            }
        }
    }
}
