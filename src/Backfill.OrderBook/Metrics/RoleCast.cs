namespace Backfill.OrderBook;

/// <summary>Which runner of this snapshot plays each role, or why none does.</summary>
internal readonly struct RoleCast
{
    private readonly RunnerBook? _home;
    private readonly RunnerBook? _away;
    private readonly RunnerBook? _draw;
    private readonly string? _homeAbsence;
    private readonly string? _awayAbsence;
    private readonly string? _drawAbsence;

    private RoleCast(MarketBook book, RoleMap roles)
    {
        (_home, _homeAbsence) = Find(book, roles.Home);
        (_away, _awayAbsence) = Find(book, roles.Away);
        (_draw, _drawAbsence) = Find(book, roles.Draw);
    }

    public bool AllPresent => _home is not null && _away is not null && _draw is not null;

    public static RoleCast Resolve(MarketBook book, RoleMap roles) => new(book, roles);

    public RunnerBook? Runner(int role) => role switch
    {
        MetricLayout.Home => _home,
        MetricLayout.Away => _away,
        _ => _draw,
    };

    /// <summary>The NULL reason for every column of a role that has no runner.</summary>
    public string Absence(int role) => role switch
    {
        MetricLayout.Home => _homeAbsence,
        MetricLayout.Away => _awayAbsence,
        _ => _drawAbsence,
    } ?? throw new InvalidOperationException("The role has a runner.");

    /// <summary>Linear scan: books have a handful of runners, so a lookup table would cost more.</summary>
    public static RunnerBook? FindRunner(MarketBook book, long selectionId)
    {
        var runners = book.Runners;
        for (var i = 0; i < runners.Count; i++)
        {
            if (runners[i].SelectionId == selectionId)
            {
                return runners[i];
            }
        }

        return null;
    }

    private static (RunnerBook? Runner, string? Absence) Find(MarketBook book, long? selectionId)
    {
        if (selectionId is not { } id)
        {
            return (null, NullReasons.NoMetadata);
        }

        var runner = FindRunner(book, id);
        return runner is null ? (null, NullReasons.MissingRunner) : (runner, null);
    }
}
