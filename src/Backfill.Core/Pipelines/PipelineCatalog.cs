namespace Backfill.Core.Pipelines;

/// <summary>The pipelines the packs register, and how a command's targets (a pipeline or processors) resolve to one.</summary>
public sealed class PipelineCatalog(IEnumerable<PipelineSpec> pipelines)
{
    public IReadOnlyList<PipelineSpec> All { get; } = pipelines.ToList();

    public bool IsTarget(string name) => All.Any(p => p.Name == name || p.Find(name) is not null);

    public PipelineSpec Get(string name) => All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown pipeline '{name}'. Known: {string.Join(", ", All.Select(p => p.Name))}.");

    /// <summary>A pipeline name alone means all its processors; otherwise processor names of one pipeline.</summary>
    public (PipelineSpec Pipeline, IReadOnlyList<string> Processors) Resolve(IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) throw new ArgumentException("Name a pipeline or its processors.");
        if (targets.Count == 1 && All.FirstOrDefault(p => p.Name == targets[0]) is { } whole) return (whole, []);
        var owners = targets.Select(t => All.FirstOrDefault(p => p.Find(t) is not null)
            ?? throw new ArgumentException($"'{t}' is neither a pipeline nor a processor of one. Pipelines: {string.Join(", ", All.Select(p => $"{p.Name} ({string.Join(", ", p.Processors.Select(x => x.Spec.Name))})"))}."))
            .Distinct().ToList();
        if (owners.Count > 1) throw new ArgumentException($"Processors of different pipelines cannot run together ({string.Join(", ", owners.Select(o => o.Name))}).");
        return (owners[0], targets.Distinct().ToList());
    }
}
