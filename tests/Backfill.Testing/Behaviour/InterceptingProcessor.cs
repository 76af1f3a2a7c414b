using Backfill.Core.Processing;

namespace Backfill.Testing.Behaviour;

/// <summary>
/// Wraps a processor and calls back with each row's first input (the payload) just before computing it:
/// after the engine read the batch and before it writes, the window where live ingestion may race it.
/// </summary>
public sealed class InterceptingProcessor(IProcessor inner, Action<object?> beforeCompute) : IProcessor
{
    public const string ProcessorName = "test.intercepting";

    public string Name => ProcessorName;
    public IReadOnlyList<string> Inputs => inner.Inputs;
    public IReadOnlyList<string> Outputs => inner.Outputs;

    public IRowComputer Bind(IReadOnlyList<string> outputs) => new Computer(inner.Bind(outputs), beforeCompute);

    private sealed class Computer(IRowComputer inner, Action<object?> beforeCompute) : IRowComputer
    {
        public RowOutcome Compute(ReadOnlySpan<object?> inputs, Span<double?> values, Span<string?> nullReasons)
        {
            beforeCompute(inputs[0]);
            return inner.Compute(inputs, values, nullReasons);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that runs its callback inline, between two batches of the run.</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
