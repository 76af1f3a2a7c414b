using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Backfill.Core.Jobs;

/// <summary>
/// Reads a job definition from YAML. A user copies a built-in job file, changes the columns, and
/// points <c>--jobs</c> at its folder: no recompiling.
/// </summary>
public static class JobFileReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static JobSpec Read(string yaml, string origin)
    {
        JobFile file;
        try
        {
            file = Yaml.Deserialize<JobFile>(yaml) ?? throw new JobSpecException($"{origin}: the file is empty.");
        }
        catch (YamlException e)
        {
            // YamlDotNet's inner messages name .NET types; say where and what was expected instead.
            var what = e is SyntaxErrorException ? e.Message : "a value there has the wrong shape (see 'backfill jobs NAME' for the format)";
            throw new JobSpecException($"{origin}: not a valid job file at line {e.Start.Line}, column {e.Start.Column}: {what}");
        }
        return ToSpec(file, origin) with { Yaml = yaml };
    }

    private static JobSpec ToSpec(JobFile f, string origin)
    {
        string Need(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new JobSpecException($"{origin}: '{field}' is required.") : value;

        var source = f.Source ?? throw new JobSpecException($"{origin}: 'source' is required.");
        var target = f.Target ?? throw new JobSpecException($"{origin}: 'target' is required.");
        return new JobSpec
        {
            Name = Need(f.Name, "name"),
            Description = f.Description ?? "",
            Processor = Need(f.Processor, "processor"),
            Origin = origin,
            Source = new SourceSpec
            {
                Table = Need(source.Table, "source.table"),
                Key = Need(source.Key, "source.key"),
                TimeColumn = source.TimeColumn,
                Columns = source.Columns ?? [],
                Lookups = (source.Lookups ?? []).Select(l => new LookupSpec
                {
                    Table = Need(l.Table, "source.lookups[].table"),
                    On = Need(l.On, "source.lookups[].on"),
                    Columns = l.Columns ?? [],
                }).ToList(),
            },
            Target = new TargetSpec
            {
                Table = Need(target.Table, "target.table"),
                Key = Need(target.Key, "target.key"),
                Carry = target.Carry ?? [],
                Columns = ReadColumns(target.Columns, origin),
            },
        };
    }

    // Each entry is either "column" (filled by the output of the same name) or "column: output".
    private static List<ColumnMapping> ReadColumns(List<object>? entries, string origin)
    {
        if (entries is null || entries.Count == 0)
            throw new JobSpecException($"{origin}: 'target.columns' must list at least one column.");
        var result = new List<ColumnMapping>();
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case string name:
                    result.Add(new ColumnMapping(name, name));
                    break;
                case Dictionary<object, object> map when map.Count == 1:
                    var (k, v) = map.First();
                    result.Add(new ColumnMapping(k.ToString()!, v.ToString()!));
                    break;
                default:
                    throw new JobSpecException($"{origin}: a target column is written 'name' or 'name: output', not '{entry}'.");
            }
        }
        return result;
    }

    private sealed class JobFile
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Processor { get; set; }
        public SourceFile? Source { get; set; }
        public TargetFile? Target { get; set; }
    }

    private sealed class SourceFile
    {
        public string? Table { get; set; }
        public string? Key { get; set; }
        public string? TimeColumn { get; set; }
        public List<string>? Columns { get; set; }
        public List<LookupFile>? Lookups { get; set; }
    }

    private sealed class LookupFile
    {
        public string? Table { get; set; }
        public string? On { get; set; }
        public List<string>? Columns { get; set; }
    }

    private sealed class TargetFile
    {
        public string? Table { get; set; }
        public string? Key { get; set; }
        public List<string>? Carry { get; set; }
        public List<object>? Columns { get; set; }
    }
}
