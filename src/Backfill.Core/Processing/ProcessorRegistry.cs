namespace Backfill.Core.Processing;

/// <summary>The processors domain packs contribute, by name.</summary>
public sealed class ProcessorRegistry
{
    private readonly Dictionary<string, IProcessor> _byName = new(StringComparer.Ordinal);

    public ProcessorRegistry Add(IProcessor processor)
    {
        if (!_byName.TryAdd(processor.Name, processor))
            throw new InvalidOperationException($"Processor '{processor.Name}' is registered twice.");
        return this;
    }

    public IProcessor Get(string name) =>
        _byName.TryGetValue(name, out var p) ? p
        : throw new Jobs.JobSpecException($"Unknown processor '{name}'. Known: {string.Join(", ", _byName.Keys.Order())}.");

    public IEnumerable<IProcessor> All => _byName.Values;
}
