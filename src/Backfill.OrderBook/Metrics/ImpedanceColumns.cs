using static Backfill.OrderBook.MetricLayout;

namespace Backfill.OrderBook;

/// <summary>
/// Impedance over the best 4 levels of every runner in the book (not just the three roles):
/// the negated profit of a book that laid all back offers and backed all lay offers, if runner j wins.
/// </summary>
internal static class ImpedanceColumns
{
    private const int Depth = 4;

    public static void Write(MetricSink sink, MarketBook book, in RoleCast cast)
    {
        // Σ(B_i − K_i) and Σ(B_i + K_i) over all runners, so each role needs no second pass.
        double netStake = 0, liquidity = 0;
        var runners = book.Runners;
        for (var i = 0; i < runners.Count; i++)
        {
            var backStake = SideDepth.Of(runners[i].Back, Depth).Stake;
            var layStake = SideDepth.Of(runners[i].Lay, Depth).Stake;
            netStake += backStake - layStake;
            liquidity += backStake + layStake;
        }

        for (var role = 0; role < RoleCount; role++)
        {
            if (cast.Runner(role) is not { } runner)
            {
                continue;
            }

            var back = SideDepth.Of(runner.Back, Depth);
            var lay = SideDepth.Of(runner.Lay, Depth);

            // (l_j − 1)·K_j equals the lay side's liability, which is 0 (not NULL) for an empty side.
            var othersNet = netStake - (back.Stake - lay.Stake);
            var pnl = lay.Liability - back.Liability + othersNet;
            var impedance = -pnl;

            var start = RoleBase(role);
            sink.Set(start + Impedance, impedance);
            sink.Set(start + ImpedanceNorm, liquidity > 0 ? impedance / liquidity : 0);
        }
    }
}
