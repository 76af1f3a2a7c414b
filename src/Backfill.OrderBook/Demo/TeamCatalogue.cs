namespace Backfill.OrderBook.Demo;

/// <summary>The leagues and clubs demo fixtures are drawn from, named as Betfair names them.</summary>
internal static class TeamCatalogue
{
    public const long DrawSelectionId = 58805;
    public const string DrawRunnerName = "The Draw";

    public static IReadOnlyList<Competition> Competitions { get; } =
    [
        new("English Premier League", 1.0,
        [
            new("Arsenal", 0.6), new("Man City", 0.55), new("Liverpool", 0.5), new("Chelsea", 0.35),
            new("Newcastle", 0.25), new("Aston Villa", 0.2), new("Tottenham", 0.15), new("Man Utd", 0.15),
            new("Brighton", 0.1), new("Crystal Palace", 0.0), new("Brentford", -0.05), new("Fulham", -0.05),
            new("West Ham", -0.1), new("Everton", -0.2), new("Wolves", -0.35), new("Burnley", -0.5),
        ]),
        new("Spanish La Liga", 0.75,
        [
            new("Real Madrid", 0.6), new("Barcelona", 0.6), new("Atletico Madrid", 0.4), new("Athletic Bilbao", 0.2),
            new("Villarreal", 0.2), new("Real Sociedad", 0.1), new("Betis", 0.1), new("Sevilla", 0.0),
            new("Celta Vigo", -0.1), new("Valencia", -0.1), new("Osasuna", -0.15), new("Getafe", -0.25),
            new("Mallorca", -0.25), new("Alaves", -0.35),
        ]),
        new("Italian Serie A", 0.65,
        [
            new("Inter", 0.55), new("Napoli", 0.45), new("Juventus", 0.35), new("Atalanta", 0.35),
            new("AC Milan", 0.35), new("Roma", 0.25), new("Lazio", 0.2), new("Como", 0.15),
            new("Bologna", 0.1), new("Fiorentina", 0.05), new("Torino", -0.1), new("Udinese", -0.2),
            new("Genoa", -0.25), new("Cagliari", -0.35), new("Lecce", -0.45),
        ]),
        new("German Bundesliga", 0.65,
        [
            new("Bayern Munich", 0.65), new("Leverkusen", 0.4), new("Dortmund", 0.35), new("RB Leipzig", 0.3),
            new("Stuttgart", 0.2), new("Frankfurt", 0.15), new("Freiburg", 0.05), new("Wolfsburg", -0.05),
            new("Mgladbach", -0.05), new("Mainz", -0.1), new("Werder Bremen", -0.1), new("Union Berlin", -0.2),
            new("Augsburg", -0.25), new("Heidenheim", -0.4),
        ]),
        new("French Ligue 1", 0.45,
        [
            new("Paris St-G", 0.65), new("Marseille", 0.3), new("Monaco", 0.3), new("Lille", 0.2),
            new("Lyon", 0.15), new("Nice", 0.1), new("Lens", 0.1), new("Rennes", 0.0),
            new("Strasbourg", -0.05), new("Nantes", -0.25), new("Auxerre", -0.35), new("Le Havre", -0.4),
        ]),
    ];
}
