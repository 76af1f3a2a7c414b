using System.Globalization;

namespace Backfill.Bench;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchOptions
{
    public int Rows { get; init; } = 1_000_000;
    public string Payload { get; init; } = "jsonb";
    public string? Db { get; init; }
    public int SqliteRows { get; init; } = 200_000;
    /// <summary>Repetitions of the main figure (default batch size), each on a fresh copy.</summary>
    public int Repeats { get; init; } = 3;
    /// <summary>Extra batch sizes, one run each on a fresh copy.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [2000, 5000];
    public bool Profile { get; init; } = true;
    /// <summary>Rows the in-process profile processes (the loop's per-row costs are steady; the NULL stats still cover the table).</summary>
    public long ProfileRows { get; init; } = 100_000;
    /// <summary>Also profile the proposed bounded derived-table join (measures a change; the engine is not modified).</summary>
    public bool WhatIf { get; init; } = true;
    /// <summary>Runs after the first one (other batch sizes, repetitions) are skipped when they would take the benchmark past this.</summary>
    public double BudgetMinutes { get; init; } = 15;
    public bool Sqlite { get; init; } = true;
    public string? Report { get; init; }
    public int Seed { get; init; } = 7;
    /// <summary>Only time the payload generator (no database), to check it is not the bottleneck of loading.</summary>
    public bool GenerateOnly { get; init; }
    /// <summary>Leave the template database (and, with BACKFILL_TEST_PG_KEEP=1, the throwaway cluster) for inspection.</summary>
    public bool Keep { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Backfill.Bench -- [options]
          --rows N            snapshots in PostgreSQL (default 1000000)
          --payload jsonb|text  declared type of raw_payload (default jsonb, as the migrations create it)
          --db CONNSTRING     use this PostgreSQL server (needs CREATEDB) instead of a throwaway cluster
          --sqlite-rows N     snapshots in the SQLite reference run (default 200000; 0 skips SQLite)
          --repeats N         runs at the default batch size, each on a fresh copy (default 3)
          --batch-sizes A,B   further batch sizes, one run each (default 2000,5000; 'none' for none)
          --no-profile        skip the in-process per-phase profile
          --profile-rows N    rows the profile processes, in 4 slices across the key range (default 100000)
          --no-what-if        skip the profile of the bounded derived-table join (a proposed engine change)
          --budget-minutes M  skip the other batch sizes and default-batch repetitions 2.. that would end past M minutes (default 15)
          --report FILE       also write the Markdown report to FILE
          --seed N            generator seed (default 7)
          --generate-only     only time the payload generator (no database)
          --keep              keep the generated template database (set BACKFILL_TEST_PG_KEEP=1 to keep the cluster too)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Int() => int.Parse(Next().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--rows" => o with { Rows = Int() },
                "--payload" => o with { Payload = Next() is "jsonb" or "text" ? args[i] : throw new ArgumentException("--payload is jsonb or text") },
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
                "--no-profile" => o with { Profile = false },
                "--profile-rows" => o with { ProfileRows = Int() },
                "--no-what-if" => o with { WhatIf = false },
                "--budget-minutes" => o with { BudgetMinutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--report" => o with { Report = Next() },
                "--seed" => o with { Seed = Int() },
                "--generate-only" => o with { GenerateOnly = true },
                "--keep" => o with { Keep = true },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }
        if (o.Rows < 1000) throw new ArgumentException("--rows must be at least 1000");
        return o with { Sqlite = o.SqliteRows > 0 };
    }
}
