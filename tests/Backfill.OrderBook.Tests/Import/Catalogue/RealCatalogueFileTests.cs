using Backfill.OrderBook.Import.Catalogue;
using Backfill.OrderBook.Tests.Import.Rest;

namespace Backfill.OrderBook.Tests.Import.Catalogue;

/// <summary>Golden numbers for catalogue/football-match-odds-10-markets-catalogue.json (Scottish football, 2026-01-30/31).</summary>
public sealed class RealCatalogueFileTests
{
    private static CatalogueImport Import() =>
        MarketCatalogueReader.ReadFile(RealData.Betfair("catalogue/football-match-odds-10-markets-catalogue.json"));

    [Fact]
    public void Reads_ten_match_odds_markets_without_issues_or_warnings()
    {
        var import = Import();

        Assert.Empty(import.Issues);
        Assert.Empty(import.Warnings); // every event name "Home v Away" agrees with sortPriority 1 and 2
        Assert.Equal(10, import.Markets.Count);
        Assert.All(import.Markets, m => Assert.Equal(("Match Odds", "MATCH_ODDS", 3), (m.MarketName, m.MarketType, m.Runners.Count)));
        Assert.Equal([4L, 57, 110, 163, 216, 269, 322, 375, 428, 481], import.Markets.Select(m => m.Line));
    }

    [Fact]
    public void Kilmarnock_v_Aberdeen_maps_home_away_and_draw()
    {
        var metadata = Import().Metadata.Single(m => m.MarketId == "1.252597432");

        Assert.Equal(
            new MarketMetadata("1.252597432", "Kilmarnock v Aberdeen", null, new DateTime(2026, 1, 31, 15, 0, 0, DateTimeKind.Utc),
                HomeSelectionId: 56086, AwaySelectionId: 1189, DrawSelectionId: 58805,
                HomeRunnerName: "Kilmarnock", AwayRunnerName: "Aberdeen", DrawRunnerName: "The Draw"),
            metadata);
        Assert.Equal(DateTimeKind.Utc, metadata.MarketStartTimeUtc!.Value.Kind);
    }

    [Fact]
    public void All_ten_markets_map_to_their_teams()
    {
        var import = Import();

        Assert.Equal(
        [
            ("1.253140281", "St Johnstone v Partick", 57425L, "St Johnstone", 191567L, "Partick"),
            ("1.252597432", "Kilmarnock v Aberdeen", 56086, "Kilmarnock", 1189, "Aberdeen"),
            ("1.253165230", "Ayr v Raith", 48005, "Ayr", 674747, "Raith"),
            ("1.253165806", "East Fife v Montrose", 674743, "East Fife", 674746, "Montrose"),
            ("1.252597648", "St Mirren v Dundee", 674748, "St Mirren", 13133, "Dundee"),
            ("1.253166617", "Dumbarton v Edinburgh City", 2152, "Dumbarton", 615040, "Edinburgh City"),
            ("1.253169757", "East Kilbride v Forfar", 8831169, "East Kilbride", 729805, "Forfar"),
            ("1.253166167", "Alloa v Cove Rangers", 203715, "Alloa", 284608, "Cove Rangers"),
            ("1.253166437", "Stirling v Stranraer", 729811, "Stirling", 122903, "Stranraer"),
            ("1.253165626", "Morton v Ross Co", 46283, "Morton", 674742, "Ross Co"),
        ], import.Metadata.Select(m => (m.MarketId, m.EventName!, m.HomeSelectionId!.Value, m.HomeRunnerName!, m.AwaySelectionId!.Value, m.AwayRunnerName!)));
        Assert.All(import.Metadata, m => Assert.Equal(((long?)58805, "The Draw", (string?)null), (m.DrawSelectionId, m.DrawRunnerName, m.CompetitionName)));
    }

    [Fact]
    public void Start_time_comes_from_the_market_description_when_market_start_time_is_absent()
    {
        var import = Import();

        // The file has no top-level marketStartTime; description.marketTime holds the kick-off.
        Assert.Equal(new DateTime(2026, 1, 30, 19, 45, 0, DateTimeKind.Utc), import.Markets[0].MarketStartTimeUtc);
        Assert.All(import.Markets.Skip(1), m => Assert.Equal(new DateTime(2026, 1, 31, 15, 0, 0, DateTimeKind.Utc), m.MarketStartTimeUtc));
    }

    [Fact]
    public void Metadata_converts_to_the_writer_row()
    {
        var metadata = Import().Metadata[1];

        var row = metadata.ToMetadataRow();

        Assert.Equal((metadata.MarketId, metadata.HomeSelectionId, metadata.AwayRunnerName, metadata.MarketStartTimeUtc),
            (row.MarketId, row.HomeSelectionId, row.AwayRunnerName, row.MarketStartTimeUtc));
    }
}
