using System.Globalization;

namespace Backfill.Bench;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchOptions
{
    /// <summary>Args of the throttled run in the live-interference section unless --throttle says otherwise.</summary>
    public const string DefaultThrottle = "--cores 1";
    /// <summary>The throttled runs when --throttle is not given.</summary>
    public static readonly IReadOnlyList<string> DefaultThrottles = [DefaultThrottle, "--cores 1 --low-priority", "--duty-cycle 0.5"];

    public int Rows { get; init; } = 1_000_000;
    /// <summary>Snapshots of the large data set used only to compare peak memory (0: none).</summary>
    public int BigRows { get; init; }
    public string BigPayload { get; init; } = "text";
    /// <summary>Payload variants (declared type of raw_payload), each its own template database.</summary>
    public IReadOnlyList<string> Payloads { get; init; } = ["jsonb", "text"];
    public string? Db { get; init; }
    public int SqliteRows { get; init; } = 1_000_000;
    /// <summary>Runs of each engine figure (tier-a and l1-sizes per payload), each on a fresh copy, while the budget allows.</summary>
    public int Repeats { get; init; } = 3;
    /// <summary>Extra fixed batch sizes for tier-a on the first payload, one run each.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [];
    /// <summary>Snapshots the row-by-row baseline processes (0: skip).</summary>
    public int SampleRows { get; init; } = 5_000;
    public bool HandSql { get; init; } = true;
    /// <summary>Keys per statement of the hand-written SQL UPDATE and of the write-floor updates.</summary>
    public int Chunk { get; init; } = 100_000;
    public bool Hardware { get; init; } = true;
    public bool Interference { get; init; } = true;
    public int IngestRate { get; init; } = 1_000;
    public double IngestAloneSeconds { get; init; } = 25;
    /// <summary>CLI args of each throttled run (split on spaces); --throttle may be given more than once.</summary>
    public IReadOnlyList<string> Throttles { get; init; } = DefaultThrottles;
    /// <summary>Repetitions (and other batch sizes) are skipped when they would take the benchmark past this; the big set is not counted.</summary>
    public double BudgetMinutes { get; init; } = 35;
    public string? Report { get; init; }
    public int Seed { get; init; } = 7;
    public bool GenerateOnly { get; init; }
    public bool Keep { get; init; }

    public bool Sqlite => SqliteRows > 0;

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Backfill.Bench -- [options]
          --rows N              snapshots per PostgreSQL data set (default 1000000)
          --payloads jsonb,text payload variants (declared type of raw_payload), one template database each (default both)
          --big-rows N          also build a set of N snapshots (e.g. 10000000) and run l1-sizes and tier-a on it once, to
                                compare peak memory with the --rows set (default 0 = skip; not counted in the budget)
          --big-payload T       payload type of the big set: jsonb or text (default text)
          --sample-rows N       snapshots the row-by-row baseline processes per payload (default 5000; 0 skips it)
          --no-hand-sql         skip the hand-written set-based SQL UPDATE
          --chunk N             keys per statement of the hand-written UPDATE and the write-floor updates (default 100000)
          --no-hardware         skip the hardware reference (COPY out of the payloads, UPDATE-only write floor)
          --no-interference     skip the live-interference section
          --ingest-rate N       live ingester's target inserts per second (default 1000)
          --ingest-alone S      seconds the ingester runs alone for its baseline (default 25)
          --throttle "ARGS"     CLI args of the throttled run (default: three runs, "--cores 1", "--cores 1 --low-priority" and
                                "--duty-cycle 0.5"); runs only if `backfill run --help`
                                lists them; give it again for more throttled runs (e.g. --throttle "--max-load 2")
          --sqlite-rows N       snapshots in the SQLite tier-a reference (default 1000000, the size of the main sets; 0 skips SQLite)
          --repeats N           runs of each engine figure, each on a fresh copy, while the budget allows (default 3)
          --batch-sizes A,B     extra fixed batch sizes for tier-a on the first payload (default none)
          --budget-minutes M    skip repetitions/extra batch sizes that would end past M minutes (default 35)
          --db CONNSTRING       use this PostgreSQL server (needs CREATEDB) instead of a throwaway cluster
          --report FILE         also write the Markdown report to FILE
          --seed N              generator seed (default 7)
          --generate-only       only time the payload generator and print the average payload size (no database)
          --keep                keep the generated template databases (BACKFILL_TEST_PG_KEEP=1 keeps the cluster too)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var throttleGiven = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Int() => int.Parse(Next().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Next(), CultureInfo.InvariantCulture);
            string PayloadType(string v) => v is "jsonb" or "text" ? v : throw new ArgumentException($"payload type is jsonb or text, not '{v}'");
            o = args[i] switch
            {
                "--rows" => o with { Rows = Int() },
                "--big-rows" => o with { BigRows = Int() },
                "--big-payload" => o with { BigPayload = PayloadType(Next()) },
                "--payloads" or "--payload" => o with
                {
                    Payloads = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PayloadType).Distinct().ToList(),
                },
                "--db" => o with { Db = Next() },
                "--sqlite-rows" => o with { SqliteRows = Int() },
                "--repeats" => o with { Repeats = Math.Max(1, Int()) },
                "--batch-sizes" => o with
                {
                    BatchSizes = Next() is "none" or ""
                        ? []
                        : args[i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
                },
                "--sample-rows" => o with { SampleRows = Int() },
                "--no-hand-sql" => o with { HandSql = false },
                "--chunk" => o with { Chunk = Math.Max(1000, Int()) },
                "--no-hardware" => o with { Hardware = false },
                "--no-interference" => o with { Interference = false },
                "--ingest-rate" => o with { IngestRate = Math.Max(1, Int()) },
                "--ingest-alone" => o with { IngestAloneSeconds = Math.Max(1, Dbl()) },
                "--throttle" => o with { Throttles = throttleGiven++ == 0 ? [Next()] : [.. o.Throttles, Next()] },
                "--budget-minutes" => o with { BudgetMinutes = Dbl() },
                "--report" => o with { Report = Next() },
                "--seed" => o with { Seed = Int() },
                "--generate-only" => o with { GenerateOnly = true },
                "--keep" => o with { Keep = true },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }
        if (o.Rows < 1000) throw new ArgumentException("--rows must be at least 1000");
        if (o.Payloads.Count == 0) throw new ArgumentException("--payloads needs jsonb, text or both");
        if (o.BigRows is > 0 and < 1000) throw new ArgumentException("--big-rows must be 0 or at least 1000");
        return o;
    }

    public static IReadOnlyList<string> Split(string cliArgs) => cliArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
