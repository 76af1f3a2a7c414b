using static Backfill.OrderBook.MetricLayout;

namespace Backfill.OrderBook;

/// <summary>
/// Cross-role back-side exposure over the best 3 back levels of home, away and draw.
/// Both metrics compare a role against the other two, so they need all three roles.
/// </summary>
internal static class RiskColumns
{
    private const int Depth = 3;

    public static void Write(MetricSink sink, in RoleCast cast)
    {
        if (!cast.AllPresent)
        {
            WriteMissingRole(sink, cast);
            return;
        }

        Span<double> liability = stackalloc double[RoleCount];
        Span<double> stake = stackalloc double[RoleCount];
        for (var role = 0; role < RoleCount; role++)
        {
            var depth = SideDepth.Of(cast.Runner(role)!.Back, Depth);
            liability[role] = depth.Liability;
            stake[role] = depth.Stake;
        }

        for (var role = 0; role < RoleCount; role++)
        {
            double otherLiability = 0, otherStake = 0;
            for (var other = 0; other < RoleCount; other++)
            {
                if (other != role)
                {
                    otherLiability += liability[other];
                    otherStake += stake[other];
                }
            }

            var start = RoleBase(role);
            sink.Set(start + Risk, liability[role] - otherLiability);
            sink.Set(start + BookRiskL3, liability[role] - otherStake);
        }
    }

    /// <summary>Absent roles already carry their own reason; only the present ones are blamed on the others.</summary>
    private static void WriteMissingRole(MetricSink sink, in RoleCast cast)
    {
        for (var role = 0; role < RoleCount; role++)
        {
            if (cast.Runner(role) is null)
            {
                continue;
            }

            var start = RoleBase(role);
            sink.SetNull(start + Risk, NullReasons.MissingRole);
            sink.SetNull(start + BookRiskL3, NullReasons.MissingRole);
        }
    }
}
