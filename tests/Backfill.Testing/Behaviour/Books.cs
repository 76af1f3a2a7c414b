namespace Backfill.Testing.Behaviour;

/// <summary>
/// listMarketBook MarketBook payloads built by hand, on the book-risk worked example (docs/metrics.md):
/// home back 583@3.00, 103@2.98, 321@2.96; away 153@2.36, 1105@2.34, 813@2.32; draw 21@3.95, 82@3.90, 138@3.85
/// (best price first, as Betfair sends them), and one lay level each: home 50@3.05, away 40@2.40, draw 30@4.00.
/// </summary>
public static class Books
{
    public const long Home = 47972;
    public const long Away = 47973;
    public const long Draw = 58805;

    // Book Risk L3 = own back liability over 3 levels - the other two roles' back stake over 3 levels.
    public const double HomeBookRisk = -312.90;   // 1999.10 - (2071 + 241)
    public const double AwayBookRisk = 1513.94;   // 2761.94 - (1007 + 241)
    public const double DrawBookRisk = -2384.95;  //  693.05 - (1007 + 2071)

    // Level-1 sizes: the best back (highest price) and best lay (lowest price) of each runner.
    public const double HomeBackL1 = 583, HomeLayL1 = 50;
    public const double AwayBackL1 = 153, AwayLayL1 = 40;
    public const double DrawBackL1 = 21, DrawLayL1 = 30;

    private const string HomeRunner = """{"selectionId":47972,"handicap":0.0,"status":"ACTIVE","totalMatched":1200.0,"ex":{"availableToBack":[{"price":3.0,"size":583.0},{"price":2.98,"size":103.0},{"price":2.96,"size":321.0}],"availableToLay":[{"price":3.05,"size":50.0}],"tradedVolume":[]}}""";
    private const string AwayRunner = """{"selectionId":47973,"handicap":0.0,"status":"ACTIVE","totalMatched":2500.0,"ex":{"availableToBack":[{"price":2.36,"size":153.0},{"price":2.34,"size":1105.0},{"price":2.32,"size":813.0}],"availableToLay":[{"price":2.4,"size":40.0}],"tradedVolume":[]}}""";
    private const string DrawRunner = """{"selectionId":58805,"handicap":0.0,"status":"ACTIVE","totalMatched":300.0,"ex":{"availableToBack":[{"price":3.95,"size":21.0},{"price":3.9,"size":82.0},{"price":3.85,"size":138.0}],"availableToLay":[{"price":4.0,"size":30.0}],"tradedVolume":[]}}""";

    /// <summary>All three roles quoted on both sides: every book-risk and L1 value is derivable (tier A).</summary>
    public static string WorkedExample(string marketId) => Book(marketId, HomeRunner, AwayRunner, DrawRunner);

    /// <summary>The draw runner is missing: its columns stay NULL (missing_runner), home and away own columns fill.</summary>
    public static string WithoutDraw(string marketId) => Book(marketId, HomeRunner, AwayRunner);

    /// <summary>Three runners, nothing quoted on either side: skipped as no_ladder.</summary>
    public static string EmptyLadders(string marketId) => Book(marketId,
        """{"selectionId":47972,"status":"ACTIVE","ex":{"availableToBack":[],"availableToLay":[],"tradedVolume":[]}}""",
        """{"selectionId":47973,"status":"ACTIVE","ex":{"availableToBack":[],"availableToLay":[],"tradedVolume":[]}}""",
        """{"selectionId":58805,"status":"ACTIVE","ex":{"availableToBack":[],"availableToLay":[],"tradedVolume":[]}}""");

    /// <summary>The worked example cut off mid-way: not JSON, an invalid_payload error.</summary>
    public static string Truncated(string marketId) => WorkedExample(marketId)[..150];

    private static string Book(string marketId, params string[] runners) =>
        $$"""{"marketId":"{{marketId}}","isMarketDataDelayed":false,"status":"OPEN","betDelay":0,"inplay":false,"totalMatched":4000.0,"runners":[{{string.Join(",", runners)}}]}""";
}
