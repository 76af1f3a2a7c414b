using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Backfill.OrderBook.Import.Stream;

/// <summary>
/// Writes a market cache as a listMarketBook <c>MarketBook</c> JSON object, the shape REST returns
/// and the snapshot table stores: ladders as <c>{"price","size"}</c> objects, best price first.
/// Unknown numbers (no traded volume yet, no last price) are left out, as REST does. Levels are
/// copied from the ladders' cached encodings (<see cref="LevelJson"/>), so only changed levels are formatted.
/// </summary>
internal sealed class SnapshotPayloadWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _json;

    public SnapshotPayloadWriter() => _json = new Utf8JsonWriter(_buffer);

    public string Write(MarketCache market, LadderKind ladder, bool includeTradedVolume)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("marketId"u8, market.MarketId);
        _json.WriteString("status"u8, market.Status);
        _json.WriteBoolean("inplay"u8, market.InPlay);
        if (market.TotalMatched is { } totalMatched)
        {
            _json.WriteNumber("totalMatched"u8, totalMatched);
        }

        _json.WriteStartArray("runners"u8);
        foreach (var runner in market.Runners)
        {
            WriteRunner(runner, ladder, includeTradedVolume);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private void WriteRunner(RunnerCache runner, LadderKind ladder, bool includeTradedVolume)
    {
        _json.WriteStartObject();
        _json.WriteNumber("selectionId"u8, runner.SelectionId);
        _json.WriteNumber("handicap"u8, runner.Handicap);
        _json.WriteString("status"u8, runner.Status);
        if (runner.LastPriceTraded is { } lastPrice)
        {
            _json.WriteNumber("lastPriceTraded"u8, lastPrice);
        }

        if (runner.TotalMatched is { } totalMatched)
        {
            _json.WriteNumber("totalMatched"u8, totalMatched);
        }

        if (runner.StartingPriceBack.Count > 0 || runner.StartingPriceLay.Count > 0)
        {
            _json.WriteStartObject("sp"u8);
            WriteSide("backStakeTaken"u8, runner.StartingPriceBack, descending: true);
            WriteSide("layLiabilityTaken"u8, runner.StartingPriceLay, descending: false);
            _json.WriteEndObject();
        }

        _json.WriteStartObject("ex"u8);
        switch (ladder)
        {
            case LadderKind.AllOffers:
                WriteSide("availableToBack"u8, runner.AllBack, descending: true);
                WriteSide("availableToLay"u8, runner.AllLay, descending: false);
                break;
            case LadderKind.BestOffers:
                WriteSide("availableToBack"u8, runner.BestBack);
                WriteSide("availableToLay"u8, runner.BestLay);
                break;
            default:
                WriteSide("availableToBack"u8, runner.DisplayBack);
                WriteSide("availableToLay"u8, runner.DisplayLay);
                break;
        }

        if (includeTradedVolume)
        {
            WriteSide("tradedVolume"u8, runner.Traded, descending: false);
        }
        else
        {
            _json.WriteStartArray("tradedVolume"u8);
            _json.WriteEndArray();
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void WriteSide(ReadOnlySpan<byte> name, PriceKeyedLadder levels, bool descending)
    {
        _json.WriteStartArray(name);
        for (var i = 0; i < levels.Count; i++)
        {
            _json.WriteRawValue(levels.JsonAt(descending ? levels.Count - 1 - i : i), skipInputValidation: true);
        }

        _json.WriteEndArray();
    }

    private void WriteSide(ReadOnlySpan<byte> name, LevelKeyedLadder levels)
    {
        _json.WriteStartArray(name);
        for (var slot = 0; slot < levels.SlotCount; slot++)
        {
            if (levels[slot].Size > 0)
            {
                _json.WriteRawValue(levels.JsonAt(slot), skipInputValidation: true);
            }
        }

        _json.WriteEndArray();
    }
}
