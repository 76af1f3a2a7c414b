using System.Text;
using Backfill.Core.Sql;
using Backfill.OrderBook.Schema;
using static Backfill.Core.Reports.Markdown;

namespace Backfill.OrderBook.Reports;

/// <summary>
/// One metric for home, away and draw at the moments a trader looks at (seed 000's Lazio v Atalanta
/// table): T-6h, T-1h, kickoff, kickoff+45m and the last snapshot before the market closed (a settled
/// book has no ladder); each the nearest snapshot at or before the point.
/// </summary>
public sealed class MarketReport(SqlStore store)
{
    public sealed record Point(string Label, DateTime? At, DateTime? SnapshotAt, long? SnapshotId, double? Home, double? Away, double? Draw);

    public sealed record Result(string MarketId, string? EventName, string? Competition, DateTime? Kickoff, string Metric, IReadOnlyList<Point> Points);

    public async Task<Result> BuildAsync(string marketId, string metric, CancellationToken ct)
    {
        var columns = new[] { "home", "away", "draw" }.Select(r => $"{r}_{metric}").ToArray();
        if (columns.Any(c => OrderBookMetrics.IndexOf(c) < 0))
            throw new ArgumentException($"'{metric}' is not a per-role metric. Examples: book_risk_l3, risk, best_back, impedance (see docs/metrics.md).");

        string? eventName = null, competition = null;
        DateTime? kickoff = null;
        await using (var cmd = store.Command($"SELECT event_name, competition_name, market_start_time FROM {OrderBookMigrations.Metadata} WHERE market_id = @m", null, ("@m", marketId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                eventName = r.IsDBNull(0) ? null : r.GetString(0);
                competition = r.IsDBNull(1) ? null : r.GetString(1);
                kickoff = SqlStore.ReadTime(r.GetValue(2));
            }
        }

        var points = new List<Point>();
        if (kickoff is { } k)
        {
            points.Add(await AtAsync("T-6h", k.AddHours(-6)));
            points.Add(await AtAsync("T-1h", k.AddHours(-1)));
            points.Add(await AtAsync("Kickoff", k));
            points.Add(await AtAsync("Kickoff+45m", k.AddMinutes(45)));
        }
        points.Add(await AtAsync("Last open snapshot", null));
        if (points[^1].SnapshotId is null)
            throw new ArgumentException($"Market '{marketId}' has no snapshots in {store.Describe()}.");
        return new Result(marketId, eventName, competition, kickoff, metric, points);

        async Task<Point> AtAsync(string label, DateTime? at)
        {
            var cols = string.Join(", ", columns.Select(c => $"d.{SqlIdentifier.Quote(c)}"));
            var sql = $"SELECT s.snapshot_id, s.snapshot_at, {cols} FROM {OrderBookMigrations.Snapshots} s "
                + $"LEFT JOIN {OrderBookMigrations.Derived} d ON d.snapshot_id = s.snapshot_id "
                + $"WHERE s.market_id = @m{(at is null ? " AND (s.status IS NULL OR s.status <> 'CLOSED')" : " AND s.snapshot_at <= @at")} ORDER BY s.snapshot_at DESC, s.snapshot_id DESC LIMIT 1";
            await using var cmd = store.Command(sql, null, ("@m", marketId));
            if (at is not null) store.AddParameter(cmd, "@at", at.Value);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return new Point(label, at, null, null, null, null, null);
            double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            return new Point(label, at, SqlStore.ReadTime(r.GetValue(1)), r.GetInt64(0), D(2), D(3), D(4));
        }
    }

    public static string Render(Result m)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {(m.EventName is null ? $"Market {m.MarketId}" : $"{m.EventName} (market {m.MarketId})")} — {m.Metric}").AppendLine();
        if (m.Competition is not null) sb.AppendLine($"**Competition:** {m.Competition}  ");
        sb.AppendLine($"**Kickoff:** {Time(m.Kickoff)} UTC").AppendLine();
        Table(sb, ["Time point", "snapshot_at", "Home", "Away", "Draw"], m.Points.Select(p => (IReadOnlyList<string>)
            [p.Label, Time(p.SnapshotAt), Signed(p.Home), Signed(p.Away), Signed(p.Draw)]));
        var missing = m.Points.Count(p => p.SnapshotId is not null && (p.Home is null || p.Away is null || p.Draw is null));
        sb.AppendLine(missing == 0 ? "All time points populated." : $"{missing} time point(s) have NULL values: audit and run the job that fills {m.Metric}.");
        return sb.ToString();
    }
}
