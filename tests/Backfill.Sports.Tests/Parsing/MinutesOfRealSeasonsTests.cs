using Backfill.Sports.Parsing;
using Backfill.Sports.Tests.Support;

namespace Backfill.Sports.Tests.Parsing;

public sealed class MinutesOfRealSeasonsTests
{
    [Fact]
    public void Every_MIN_of_the_four_season_files_parses_without_throwing_and_almost_never_to_null()
    {
        long total = 0, nulls = 0;
        foreach (var file in NbaData.SeasonLogFiles)
        {
            using var reader = new StreamReader(file);
            var header = CsvLine.Parse(reader.ReadLine()!).ToList();
            var min = header.IndexOf("MIN");
            Assert.True(min >= 0, $"{file} has no MIN column");
            while (reader.ReadLine() is { } line)
            {
                total++;
                if (MinutesParser.Parse(CsvLine.Parse(line)[min]) is null) nulls++;
            }
        }

        Assert.Equal(23_054 + 26_039 + 25_895 + 26_401, total);
        Assert.True(nulls * 200 < total, $"{nulls} of {total} MIN values parsed to NULL (limit 0.5%)");
    }
}
