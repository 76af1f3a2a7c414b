namespace Backfill.Core.Processing;

/// <summary>
/// A pure computation of derived values from one source row. The engine owns reading, batching,
/// writes and the ledger; a processor only turns inputs into values and reasons.
/// </summary>
public interface IProcessor
{
    string Name { get; }

    /// <summary>Source fields the engine must read, in the order they are handed to <see cref="IRowComputer.Compute"/>.</summary>
    IReadOnlyList<string> Inputs { get; }

    /// <summary>Every value this processor can compute (the names a job maps columns to).</summary>
    IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// Text inputs may arrive as UTF-8 bytes (<c>ReadOnlyMemory&lt;byte&gt;</c>, valid only during the call to
    /// <see cref="IRowComputer.Compute"/>) instead of strings: a store that receives text as bytes then skips decoding it
    /// into a string only for the processor to encode it again for a UTF-8 parser.
    /// </summary>
    bool TakesUtf8Text => false;

    /// <summary>A computer for the chosen outputs; called once per run, so it may precompute indexes.</summary>
    IRowComputer Bind(IReadOnlyList<string> outputs);
}

/// <summary>Computes the bound outputs for one row. Not shared between threads.</summary>
public interface IRowComputer
{
    /// <param name="inputs">Values of <see cref="IProcessor.Inputs"/> for this row (strings, numbers or null).</param>
    /// <param name="values">One slot per bound output; NULL where the value cannot be derived.</param>
    /// <param name="nullReasons">One slot per bound output: why a value is NULL.</param>
    RowOutcome Compute(ReadOnlySpan<object?> inputs, Span<double?> values, Span<string?> nullReasons);
}

/// <summary>Optional: a processor that can say how much of a row is rebuildable from raw data, for the audit.</summary>
public interface ITierClassifier
{
    /// <summary>Names of extra counts the audit reports (e.g. off-ladder prices); may be empty.</summary>
    IReadOnlyList<string> AuditCounters { get; }

    /// <param name="counters">One slot per <see cref="AuditCounters"/>, to add this row's counts to.</param>
    Tier Classify(ReadOnlySpan<object?> inputs, Span<long> counters);
}

/// <summary>A: fully rebuildable; B: partly (missing runner, side or metadata); C: no usable raw data.</summary>
public enum Tier { A, B, C }
