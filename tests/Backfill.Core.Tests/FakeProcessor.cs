using Backfill.Core.Processing;

namespace Backfill.Core.Tests;

/// <summary>A processor whose outputs are the input number times 1, 2, 3; "bad" inputs error, null inputs skip.</summary>
internal sealed class FakeProcessor : IProcessor
{
    public string Name => "fake";
    public IReadOnlyList<string> Inputs { get; } = ["x"];
    public IReadOnlyList<string> Outputs { get; } = ["a", "b", "c"];

    public IRowComputer Bind(IReadOnlyList<string> outputs) => new Computer(outputs.Select(o => Outputs.ToList().IndexOf(o) + 1).ToArray());

    private sealed class Computer(int[] factors) : IRowComputer
    {
        public RowOutcome Compute(ReadOnlySpan<object?> inputs, Span<double?> values, Span<string?> nullReasons)
        {
            switch (inputs[0])
            {
                case null: return RowOutcome.Skip("no_input");
                case "bad": return RowOutcome.Fail("invalid_input", "bad is not a number");
                case double x:
                    for (var i = 0; i < factors.Length; i++)
                    {
                        // Negative inputs cannot give "c": a partial row.
                        if (x < 0 && factors[i] == 3) { values[i] = null; nullReasons[i] = "negative"; }
                        else values[i] = x * factors[i];
                    }
                    return RowOutcome.Computed;
                default: throw new InvalidOperationException();
            }
        }
    }
}
