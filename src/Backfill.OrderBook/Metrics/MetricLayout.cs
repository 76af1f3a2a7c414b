using System.Collections.ObjectModel;

namespace Backfill.OrderBook;

/// <summary>
/// The fixed column order: 17 columns for each of home, away and draw, then 3 market-level
/// columns, then the spread in ticks per role (added with the price ladder). Offsets are constants so the hot path writes by index, never by name.
/// </summary>
internal static class MetricLayout
{
    public const int Home = 0;
    public const int Away = 1;
    public const int Draw = 2;
    public const int RoleCount = 3;

    public const int BestBack = 0;
    public const int BestLay = 1;
    public const int Spread = 2;
    public const int BestBackSizeL1 = 3;
    public const int BestLaySizeL1 = 4;
    public const int BackOddsL2 = 5;
    public const int BackSizeL2 = 6;
    public const int BackOddsL3 = 7;
    public const int BackSizeL3 = 8;
    public const int BackStake = 9;
    public const int BackOdds = 10;
    public const int LayStake = 11;
    public const int LayOdds = 12;
    public const int Risk = 13;
    public const int BookRiskL3 = 14;
    public const int Impedance = 15;
    public const int ImpedanceNorm = 16;
    public const int PerRole = 17;

    public const int TotalVolume = RoleCount * PerRole;
    public const int BackBookPct = TotalVolume + 1;
    public const int LayBookPct = TotalVolume + 2;
    /// <summary>Ticks between best back and best lay on the Betfair ladder, one per role, after the market columns.</summary>
    public const int SpreadTicksBase = TotalVolume + 3;
    public const int Count = SpreadTicksBase + RoleCount;

    private static readonly string[] RolePrefixes = ["home", "away", "draw"];

    // Same order as the per-role offsets above.
    private static readonly string[] RoleColumns =
    [
        "best_back", "best_lay", "spread", "best_back_size_l1", "best_lay_size_l1",
        "back_odds_l2", "back_size_l2", "back_odds_l3", "back_size_l3",
        "back_stake", "back_odds", "lay_stake", "lay_odds",
        "risk", "book_risk_l3", "impedance", "impedance_norm",
    ];

    private static readonly string[] MarketColumns = ["total_volume", "back_book_pct", "lay_book_pct"];

    public static ReadOnlyCollection<string> Names { get; } = Array.AsReadOnly(BuildNames());

    private static readonly Dictionary<string, int> IndexByName =
        Names.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal);

    public static int RoleBase(int role) => role * PerRole;

    public static int IndexOf(string name) => IndexByName.GetValueOrDefault(name, -1);

    private static string[] BuildNames()
    {
        var names = new List<string>(Count);
        foreach (var prefix in RolePrefixes)
        {
            names.AddRange(RoleColumns.Select(column => $"{prefix}_{column}"));
        }

        names.AddRange(MarketColumns);
        names.AddRange(RolePrefixes.Select(prefix => $"{prefix}_spread_ticks"));
        return [.. names];
    }
}
