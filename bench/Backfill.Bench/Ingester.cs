using System.Diagnostics;
using Backfill.OrderBook.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Backfill.Bench;

/// <summary>
/// A live feed on loopback: one thread, one connection, one prepared INSERT per snapshot (the snapshot and its derived
/// row with the prices a live ingester computes, in one statement through a data-modifying CTE), autocommit, paced by
/// a deadline schedule at the target rate (it sleeps while ahead and sends back to back while behind, so the average
/// rate is the target as long as inserts keep up; a backlog beyond 100 ms is dropped and counted as missed).
/// Each insert's latency (send to reply) and completion time are recorded; <see cref="Window"/> summarises a time window.
/// Payloads are realistic: the benchmark's generator with another seed, recycled.
/// </summary>
internal sealed class Ingester : IDisposable
{
    public sealed record Stats(string Phase, double Seconds, long Inserts, double AchievedRate, double P50Ms, double P99Ms, double P999Ms,
        double MaxMs, long Missed, long Errors, double LoadBefore, double LoadAfter);

    private sealed record Row(string MarketId, string Payload, double TotalMatched, bool Inplay, string Status, double[] BestBack, double[] BestLay);

    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly string _cs;
    private readonly int _rate;
    private readonly NpgsqlDbType _payloadType;
    private readonly Row[] _rows;
    private readonly List<(long At, long Latency)> _samples = new(1 << 18);
    private readonly List<long> _missedAt = [];
    private readonly List<long> _errorsAt = [];
    private readonly object _lock = new();
    private Thread? _thread;
    private volatile bool _stop;
    private Exception? _failure;

    public int BackendPid { get; private set; }

    public Ingester(string cs, string payload, int rate, int seed)
    {
        _cs = cs;
        _rate = rate;
        _payloadType = payload == "jsonb" ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text;
        var rows = new List<Row>(20_000);
        foreach (var s in new MarketFeed(20_000, seed + 1_000, invalidJson: false).Snapshots())
            if (s.Payload is { } p)
                rows.Add(new Row(s.Market.MarketId, p, s.TotalMatched, s.Inplay, s.Status, (double[])s.BestBack.Clone(), (double[])s.BestLay.Clone()));
        _rows = rows.ToArray();
    }

    public void Start()
    {
        using var ready = new ManualResetEventSlim();
        _thread = new Thread(() => Loop(ready)) { IsBackground = true, Name = "ingester" };
        _thread.Start();
        ready.Wait();
        if (_failure is not null) throw new InvalidOperationException("the ingester could not start", _failure);
    }

    public void Stop()
    {
        _stop = true;
        _thread?.Join();
        if (_failure is not null) throw new InvalidOperationException("the ingester failed", _failure);
    }

    public void Dispose()
    {
        _stop = true;
        _thread?.Join();
    }

    private void Loop(ManualResetEventSlim ready)
    {
        string[] roles = ["home", "away", "draw"];
        var derivedCols = roles.SelectMany(r => new[] { $"{r}_best_back", $"{r}_best_lay", $"{r}_spread" }).Append("total_volume").ToList();
        var sql =
            $"WITH s AS (INSERT INTO {OrderBookMigrations.Snapshots} (market_id, snapshot_at, raw_payload, total_matched, inplay, status, source) "
            + "VALUES ($1, $2, $3, $4, $5, $6, 'live') RETURNING snapshot_id, snapshot_at, market_id) "
            + $"INSERT INTO {OrderBookMigrations.Derived} (snapshot_id, snapshot_at, market_id, {string.Join(", ", derivedCols)}) "
            + $"SELECT snapshot_id, snapshot_at, market_id, {string.Join(", ", derivedCols.Select((_, i) => $"${i + 7}"))} FROM s";
        NpgsqlConnection c;
        NpgsqlCommand cmd;
        try
        {
            c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_cs) { Pooling = false, ApplicationName = "bench-ingester" }.ConnectionString);
            c.Open();
            using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", c)) BackendPid = (int)pid.ExecuteScalar()!;
            cmd = new NpgsqlCommand(sql, c);
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = _payloadType });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            foreach (var _ in derivedCols) cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double });
            cmd.Prepare();
        }
        catch (Exception e)
        {
            _failure = e;
            ready.Set();
            return;
        }
        ready.Set();
        using var _c = c;
        using var _cmd = cmd;

        var interval = Stopwatch.Frequency / (double)_rate;
        var maxBacklog = Stopwatch.Frequency / 10.0;
        double next = Stopwatch.GetTimestamp();
        long i = 0;
        try
        {
            while (!_stop)
            {
                var now = Stopwatch.GetTimestamp();
                var ahead = next - now;
                if (ahead >= TicksPerMs)
                {
                    Thread.Sleep((int)(ahead / TicksPerMs));
                    continue;
                }
                if (-ahead > maxBacklog)
                {
                    var dropped = (long)((-ahead - maxBacklog) / interval);
                    lock (_lock) for (var k = 0; k < dropped; k++) _missedAt.Add(now);
                    next += dropped * interval;
                }
                var row = _rows[i++ % _rows.Length];
                var p = cmd.Parameters;
                p[0].Value = row.MarketId;
                p[1].Value = DateTime.UtcNow;
                p[2].Value = row.Payload;
                p[3].Value = row.TotalMatched;
                p[4].Value = row.Inplay;
                p[5].Value = row.Status;
                for (var r = 0; r < 3; r++)
                {
                    p[6 + (r * 3)].Value = row.BestBack[r];
                    p[7 + (r * 3)].Value = row.BestLay[r];
                    p[8 + (r * 3)].Value = Math.Round(row.BestLay[r] - row.BestBack[r], 2);
                }
                p[15].Value = row.TotalMatched;
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    cmd.ExecuteNonQuery();
                    var t1 = Stopwatch.GetTimestamp();
                    lock (_lock) _samples.Add((t1, t1 - t0));
                }
                catch (PostgresException)
                {
                    lock (_lock) _errorsAt.Add(Stopwatch.GetTimestamp());
                }
                next += interval;
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            _failure = e;
        }
    }

    /// <summary>Inserts completed between two Stopwatch timestamps.</summary>
    public Stats Window(string phase, long from, long to, double loadBefore, double loadAfter)
    {
        List<double> ms;
        long missed, errors;
        lock (_lock)
        {
            ms = _samples.Where(s => s.At >= from && s.At <= to).Select(s => s.Latency / TicksPerMs).ToList();
            missed = _missedAt.Count(t => t >= from && t <= to);
            errors = _errorsAt.Count(t => t >= from && t <= to);
        }
        ms.Sort();
        var seconds = (to - from) / (double)Stopwatch.Frequency;
        double Q(double q) => ms.Count == 0 ? double.NaN : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return new Stats(phase, seconds, ms.Count, ms.Count / seconds, Q(0.5), Q(0.99), Q(0.999), ms.Count == 0 ? double.NaN : ms[^1],
            missed, errors, loadBefore, loadAfter);
    }
}
