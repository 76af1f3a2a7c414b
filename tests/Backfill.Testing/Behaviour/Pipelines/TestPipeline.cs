using Backfill.Core.Pipelines;
using Backfill.Core.Schema;
using Backfill.Core.Sql;

namespace Backfill.Testing.Behaviour.Pipelines;

/// <summary>
/// A small pipeline over two seasons (S1: 2024-01-01..10, S2: 2024-02-01..05). Phase 1: a and b read tp_raw; e needs
/// future data (not historical). Phase 2 (ordered): c reads a over the last 3 days; d reads c and b. c and d skip the
/// first 2 days of each season (bootstrap).
/// </summary>
public static class TestPipeline
{
    public static readonly DateOnly[] Season1 = Enumerable.Range(0, 10).Select(i => new DateOnly(2024, 1, 1).AddDays(i)).ToArray();
    public static readonly DateOnly[] Season2 = Enumerable.Range(0, 5).Select(i => new DateOnly(2024, 2, 1).AddDays(i)).ToArray();
    public static IEnumerable<DateOnly> AllDates => Season1.Concat(Season2);
    public static readonly string[] Outputs = ["tp_a", "tp_b", "tp_c", "tp_d", "tp_e"];

    public static Migration Schema { get; } = new("test-pipeline-0001", "test pipeline tables",
    [
        new CreateTable("tp_schedule", [new("day", ColumnType.Date, NotNull: true), new("season", ColumnType.Text, NotNull: true)], ["day"]),
        new CreateTable("tp_raw", [new("day", ColumnType.Date, NotNull: true), new("item", ColumnType.BigInt, NotNull: true), new("value", ColumnType.BigInt)], ["day", "item"]),
        .. Outputs.Select(t => new CreateTable(t, [new("day", ColumnType.Date, NotNull: true), new("value", ColumnType.BigInt)], ["day"])),
    ]);

    /// <summary>Creates the tables and fills the schedule and tp_raw: 3 items a day, value = day * 10 + item.</summary>
    public static async Task SeedAsync(SqlStore store, CancellationToken ct)
    {
        await store.MigrateAsync([Schema], ct);
        foreach (var (day, season) in Season1.Select(d => (d, "S1")).Concat(Season2.Select(d => (d, "S2"))))
        {
            await store.ExecuteAsync("INSERT INTO tp_schedule (day, season) VALUES (@d, @s)", ct, ("@d", day), ("@s", season));
            for (var item = 1; item <= 3; item++)
                await store.ExecuteAsync("INSERT INTO tp_raw (day, item, value) VALUES (@d, @i, @v)", ct, ("@d", day), ("@i", item), ("@v", day.Day * 10 + item));
        }
    }

    public static PipelineSpec Build(SlotGauge gauge, params GateSpec[] gates)
    {
        static PartitionProcessorSpec Spec(string name, int phase, params Dependency[] deps) =>
            new() { Name = name, Phase = phase, Description = name, Table = $"tp_{name}", DateColumn = "day", DependsOn = deps };
        var raw = Dependency.OnTable("tp_raw", "day");
        return new PipelineSpec
        {
            Name = "tp",
            Description = "test pipeline",
            Calendar = new CalendarSource("tp_schedule", "day", "season"),
            Phases = [new(1, "first"), new(2, "second", Ordered: true)],
            RawSources = [raw],
            Gates = gates,
            Processors =
            [
                new ValueProcessor(Spec("a", 1, raw), gauge, ValueProcessor.SumOf("tp_raw")),
                new ValueProcessor(Spec("b", 1, raw), gauge, async (c, ct) => (await c.Reader.QueryAsync("SELECT item FROM tp_raw WHERE day = @d", r => 1L, ct, ("@d", c.Date))).Count),
                new ValueProcessor(Spec("e", 1, raw) with { NotHistorical = "needs tomorrow's data" }, gauge, (_, _) => Task.FromResult<long?>(0)),
                new ValueProcessor(Spec("c", 2, Dependency.OnProcessor("a", 3)) with { BootstrapDays = 2 }, gauge, ValueProcessor.SumOf("tp_a", 3)),
                new ValueProcessor(Spec("d", 2, Dependency.OnProcessor("c"), Dependency.OnProcessor("b")) with { BootstrapDays = 2 }, gauge, async (c, ct) =>
                    (await ValueProcessor.SumOf("tp_c")(c, ct)) * 1000 + await ValueProcessor.SumOf("tp_b")(c, ct)),
            ],
        };
    }
}
