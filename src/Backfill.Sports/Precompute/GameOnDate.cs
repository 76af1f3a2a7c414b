using Backfill.Core.Pipelines;

namespace Backfill.Sports.Precompute;

/// <summary>A player's or team's game on the partition date: the key a form row is computed for.</summary>
internal sealed record GameOnDate(long Id, string GameId, DateOnly GameDate)
{
    /// <summary>Every (key, game) of the table on @d, in game then key order.</summary>
    public static Task<IReadOnlyList<GameOnDate>> ReadAsync(IPartitionReader reader, string table, string key, DateOnly date, CancellationToken ct) =>
        reader.QueryAsync($"SELECT {key}, game_id, game_date FROM {table} WHERE game_date = @d ORDER BY game_id, {key}",
            r => new GameOnDate(Values.Long(r, 0), r.GetString(1), Values.Date(r, 2)), ct, ("@d", date));
}
