using Backfill.Core.Processing;
using Backfill.Core.Sql;

namespace Backfill.Core.Jobs;

/// <summary>The jobs a command can run: built-in ones from packs plus user job files, checked against their processors.</summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, JobSpec> _jobs = new(StringComparer.Ordinal);
    private readonly ProcessorRegistry _processors;

    public JobCatalog(ProcessorRegistry processors) => _processors = processors;

    public IReadOnlyCollection<JobSpec> All => _jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    /// <summary>Adds a job; a later job with the same name (a user's file) replaces an earlier one.</summary>
    public JobCatalog Add(JobSpec job)
    {
        Validate(job);
        _jobs[job.Name] = job;
        return this;
    }

    /// <summary>Adds every *.yaml / *.yml file of a folder.</summary>
    public JobCatalog AddFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new JobSpecException($"Jobs folder '{folder}' does not exist.");
        foreach (var path in Directory.EnumerateFiles(folder).Where(IsYaml).Order(StringComparer.Ordinal))
            Add(JobFileReader.Read(File.ReadAllText(path), path));
        return this;
    }

    public JobSpec Get(string name) =>
        _jobs.TryGetValue(name, out var job) ? job
        : throw new JobSpecException($"Unknown job '{name}'. Known jobs: {string.Join(", ", _jobs.Keys.Order(StringComparer.Ordinal))} (see 'backfill jobs').");

    public IProcessor ProcessorOf(JobSpec job) => _processors.Get(job.Processor);

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private void Validate(JobSpec job)
    {
        IProcessor processor;
        try
        {
            processor = _processors.Get(job.Processor);
        }
        catch (JobSpecException e)
        {
            throw new JobSpecException($"{job.Origin}: {e.Message}");
        }
        foreach (var name in Identifiers(job))
            if (!SqlIdentifier.IsValid(name))
                throw new JobSpecException($"{job.Origin}: '{name}' is not a valid table or column name (letters, digits and _; not starting with a digit).");

        var available = job.Source.Columns.Concat(job.Source.Lookups.SelectMany(l => l.Columns)).ToHashSet(StringComparer.Ordinal);
        var missingInputs = processor.Inputs.Where(i => !available.Contains(i)).ToList();
        if (missingInputs.Count > 0)
            throw new JobSpecException($"{job.Origin}: processor '{processor.Name}' needs source column(s) {string.Join(", ", missingInputs)}, which the job does not read.");

        var outputs = processor.Outputs.ToHashSet(StringComparer.Ordinal);
        var unknown = job.Target.Columns.Where(c => !outputs.Contains(c.Output)).Select(c => c.Output).ToList();
        if (unknown.Count > 0)
            throw new JobSpecException($"{job.Origin}: processor '{processor.Name}' has no output(s) {string.Join(", ", unknown)}.");

        var duplicate = job.Target.Columns.GroupBy(c => c.Column).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new JobSpecException($"{job.Origin}: target column '{duplicate.Key}' is listed twice.");

        var missingCarry = job.Target.Carry.Where(c => !job.Source.Columns.Contains(c)).ToList();
        if (missingCarry.Count > 0)
            throw new JobSpecException($"{job.Origin}: carried column(s) {string.Join(", ", missingCarry)} must also be source columns.");
    }

    private static IEnumerable<string> Identifiers(JobSpec job) =>
        new[] { job.Source.Table, job.Source.Key, job.Target.Table, job.Target.Key }
            .Concat(job.Source.TimeColumn is null ? [] : [job.Source.TimeColumn])
            .Concat(job.Source.Columns)
            .Concat(job.Source.Lookups.SelectMany(l => l.Columns.Append(l.Table).Append(l.On)))
            .Concat(job.Target.Carry)
            .Concat(job.Target.Columns.Select(c => c.Column));
}
