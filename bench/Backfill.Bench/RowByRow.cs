using System.Diagnostics;
using System.Text.Json;
using Backfill.OrderBook.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Backfill.Bench;

/// <summary>
/// The row-by-row baseline, shaped like the seeds' scripts (seed 001 backfill_tier_a.py, seed 002
/// backfill_l1_backsize.py): fetch a page of candidate ids (500), then per snapshot, each statement its own
/// autocommitted round trip: SELECT the payload, look up the market's metadata, parse the payload into a DOM
/// (System.Text.Json's JsonDocument, as json.loads would), pick the L1 back/lay size of each role, and UPDATE
/// that one derived row with COALESCE so only NULLs are filled. No prepared statements (psycopg2 has none).
/// Runs on a sample of consecutive candidates from the middle of the key range; the rate is extrapolated.
/// It is C#, so it is faster than the Python it stands for: the ratio it gives is conservative.
/// </summary>
internal static class RowByRow
{
    public sealed record Result(string Payload, long Rows, long Updated, long Skipped, long Errors, TimeSpan Wall, TimeSpan? ServerCpu,
        TimeSpan ClientCpu, double LoadBefore, double LoadAfter)
    {
        public double RowsPerSecond => Rows / Wall.TotalSeconds;
    }

    private const int Page = 500;

    public static async Task<Result> RunAsync(string cs, string payload, long maxKey, int sampleRows, CancellationToken ct)
    {
        var (s, m, d) = (OrderBookMigrations.Snapshots, OrderBookMigrations.Metadata, OrderBookMigrations.Derived);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync(ct);
        var backend = await PostgresBench.ScalarAsync<int>(c, "SELECT pg_backend_pid()", ct);
        var loadBefore = EngineProcess.LoadAverage();
        var (serverBefore, clientBefore) = (EngineProcess.CpuTicks(backend), EngineProcess.CpuTicks(Environment.ProcessId));
        var watch = Stopwatch.StartNew();

        long after = maxKey / 2, rows = 0, updated = 0, skipped = 0, errors = 0;
        var ids = new List<(long Id, string Market)>(Page);
        var sizes = new double?[6];
        while (rows < sampleRows)
        {
            ids.Clear();
            await using (var page = new NpgsqlCommand(
                $"SELECT s.snapshot_id, s.market_id FROM {s} s JOIN {d} d ON d.snapshot_id = s.snapshot_id "
                + "WHERE s.snapshot_id > @after AND (d.home_best_back_size_l1 IS NULL OR d.away_best_back_size_l1 IS NULL OR d.draw_best_back_size_l1 IS NULL "
                + "OR d.home_best_lay_size_l1 IS NULL OR d.away_best_lay_size_l1 IS NULL OR d.draw_best_lay_size_l1 IS NULL) "
                + "ORDER BY s.snapshot_id LIMIT @n", c))
            {
                page.Parameters.AddWithValue("after", after);
                page.Parameters.AddWithValue("n", (int)Math.Min(Page, sampleRows - rows));
                await using var r = await page.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) ids.Add((r.GetInt64(0), r.GetString(1)));
            }
            if (ids.Count == 0) break;
            foreach (var (id, market) in ids)
            {
                rows++;
                after = id;
                string? json;
                await using (var read = new NpgsqlCommand($"SELECT raw_payload::text FROM {s} WHERE snapshot_id = @id", c))
                {
                    read.Parameters.AddWithValue("id", id);
                    json = await read.ExecuteScalarAsync(ct) as string;
                }
                long?[] roles = [null, null, null];
                await using (var meta = new NpgsqlCommand($"SELECT home_selection_id, away_selection_id, draw_selection_id FROM {m} WHERE market_id = @m", c))
                {
                    meta.Parameters.AddWithValue("m", market);
                    await using var r = await meta.ExecuteReaderAsync(ct);
                    if (await r.ReadAsync(ct))
                        for (var i = 0; i < 3; i++) roles[i] = r.IsDBNull(i) ? null : r.GetInt64(i);
                }
                if (json is null || roles.All(x => x is null)) { skipped++; continue; }
                if (!TryCompute(json, roles, sizes)) { errors++; continue; }

                await using var update = new NpgsqlCommand(
                    $"UPDATE {d} SET home_best_back_size_l1 = COALESCE(home_best_back_size_l1, @hb), home_best_lay_size_l1 = COALESCE(home_best_lay_size_l1, @hl), "
                    + "away_best_back_size_l1 = COALESCE(away_best_back_size_l1, @ab), away_best_lay_size_l1 = COALESCE(away_best_lay_size_l1, @al), "
                    + "draw_best_back_size_l1 = COALESCE(draw_best_back_size_l1, @db), draw_best_lay_size_l1 = COALESCE(draw_best_lay_size_l1, @dl) "
                    + "WHERE snapshot_id = @id", c);
                string[] names = ["hb", "hl", "ab", "al", "db", "dl"];
                for (var i = 0; i < 6; i++) update.Parameters.Add(new NpgsqlParameter(names[i], NpgsqlDbType.Double) { Value = (object?)sizes[i] ?? DBNull.Value });
                update.Parameters.AddWithValue("id", id);
                updated += await update.ExecuteNonQueryAsync(ct);
            }
        }
        var wall = watch.Elapsed;
        var (serverAfter, clientAfter) = (EngineProcess.CpuTicks(backend), EngineProcess.CpuTicks(Environment.ProcessId));
        return new Result(payload, rows, updated, skipped, errors, wall,
            serverBefore is { } sb && serverAfter is { } sa ? TimeSpan.FromSeconds((sa - sb) / 100.0) : null,
            TimeSpan.FromSeconds(((clientAfter ?? 0) - (clientBefore ?? 0)) / 100.0), loadBefore, EngineProcess.LoadAverage());
    }

    /// <summary>Best (level 1) back and lay size per role, from a DOM, keeping real offers only (price &gt; 1, size &gt; 0).</summary>
    private static bool TryCompute(string json, long?[] roles, double?[] sizes)
    {
        Array.Clear(sizes);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("runners", out var runners) || runners.ValueKind != JsonValueKind.Array) return false;
            foreach (var runner in runners.EnumerateArray())
            {
                var selection = runner.GetProperty("selectionId").GetInt64();
                var role = Array.IndexOf(roles, selection);
                if (role < 0 || !runner.TryGetProperty("ex", out var ex)) continue;
                sizes[role * 2] = Best(ex, "availableToBack", back: true);
                sizes[(role * 2) + 1] = Best(ex, "availableToLay", back: false);
            }
            return true;
        }
        catch (JsonException) { return false; }
        catch (InvalidOperationException) { return false; }
        catch (KeyNotFoundException) { return false; }
    }

    private static double? Best(JsonElement ex, string side, bool back)
    {
        if (!ex.TryGetProperty(side, out var levels) || levels.ValueKind != JsonValueKind.Array) return null;
        double? bestPrice = null, bestSize = null;
        foreach (var level in levels.EnumerateArray())
        {
            var price = level.GetProperty("price").GetDouble();
            var size = level.GetProperty("size").GetDouble();
            if (price <= 1 || size <= 0) continue;
            if (bestPrice is null || (back ? price > bestPrice : price < bestPrice)) (bestPrice, bestSize) = (price, size);
        }
        return bestSize;
    }
}
