using System.Globalization;

namespace Backfill.Sports.Import;

/// <summary>NBA season ids carry the season type in the first digit and the starting year after it: 22022 is "2022-23".</summary>
public static class SeasonIds
{
    public static string ToLabel(long seasonId)
    {
        var year = seasonId % 10000;
        return string.Create(CultureInfo.InvariantCulture, $"{year}-{(year + 1) % 100:00}");
    }
}
