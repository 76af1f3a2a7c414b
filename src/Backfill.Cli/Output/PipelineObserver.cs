using System.Globalization;
using Backfill.Core.Pipelines;

namespace Backfill.Cli.Output;

/// <summary>Prints phase starts, a progress line every N slots (with ETA), every failure, and gate verdicts.</summary>
public sealed class PipelineObserver(TextWriter output) : IPipelineObserver
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public void PhaseStarting(string segment, PhaseSpec phase, int slots) =>
        output.WriteLine(string.Create(Inv, $"-- {segment}: phase {phase.Number} ({phase.Name}{(phase.Ordered ? ", in order" : ", in parallel")}), {slots:N0} slots"));

    public void SlotFinished(SlotProgress p)
    {
        var eta = p.Eta is { } e ? e.ToString(@"h\:mm\:ss", Inv) : "-";
        output.WriteLine(string.Create(Inv, $"   [{p.Done,5:N0}/{p.Total:N0}] {100.0 * p.Done / Math.Max(1, p.Total),5:0.0}%  {p.Slot} {p.Status}  elapsed {p.Elapsed:h\\:mm\\:ss}  ETA {eta}"));
    }

    public void GateEvaluated(GateResult g) =>
        output.WriteLine($"   gate {g.Gate} ({g.Scope}{(g.Sample ? ", sample" : "")}, {g.From:yyyy-MM-dd}..{g.To:yyyy-MM-dd}): {g.Verdict.ToString().ToUpperInvariant()} — {g.Detail}");
}
