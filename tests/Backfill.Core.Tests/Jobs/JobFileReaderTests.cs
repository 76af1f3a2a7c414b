using Backfill.Core.Jobs;
using Backfill.Core.Processing;

namespace Backfill.Core.Tests.Jobs;

public sealed class JobFileReaderTests
{
    private const string Valid = """
        name: my-job
        description: "a job: with a colon"
        processor: fake
        source:
          table: raw
          key: id
          time_column: at
          columns: [x, at]
        target:
          table: derived
          key: id
          carry: [at]
          columns:
            - a
            - my_c: c
        """;

    [Fact]
    public void Reads_columns_given_by_name_or_as_column_to_output_mapping()
    {
        var job = JobFileReader.Read(Valid, "test.yaml");
        Assert.Equal("my-job", job.Name);
        Assert.Equal("a job: with a colon", job.Description);
        Assert.Equal([new ColumnMapping("a", "a"), new ColumnMapping("my_c", "c")], job.Target.Columns);
        Assert.Equal("at", job.Source.TimeColumn);
        Assert.Equal(Valid, job.Yaml);
    }

    [Theory]
    [InlineData("name: x\nprocessor: fake\n", "'source' is required")]
    [InlineData("processor: fake\nsource: {table: raw, key: id}\ntarget: {table: d, key: id, columns: [a]}\n", "'name' is required")]
    [InlineData("name: x\nprocessor: fake\nsource: {table: raw, key: id}\ntarget: {table: d, key: id, columns: []}\n", "at least one column")]
    [InlineData("name: [unclosed\n", "not a valid job file")]
    public void Bad_files_are_rejected_with_a_message_naming_the_file_and_the_problem(string yaml, string expected)
    {
        var e = Assert.Throws<JobSpecException>(() => JobFileReader.Read(yaml, "broken.yaml"));
        Assert.Contains("broken.yaml", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Catalog_rejects_outputs_the_processor_does_not_have()
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new FakeProcessor()));
        var job = JobFileReader.Read(Valid.Replace("my_c: c", "my_c: zzz"), "test.yaml");
        var e = Assert.Throws<JobSpecException>(() => catalog.Add(job));
        Assert.Contains("no output(s) zzz", e.Message);
    }

    [Fact]
    public void Catalog_rejects_jobs_that_do_not_read_the_processor_inputs()
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new FakeProcessor()));
        var job = JobFileReader.Read(Valid.Replace("columns: [x, at]", "columns: [at]"), "test.yaml");
        Assert.Contains("needs source column(s) x", Assert.Throws<JobSpecException>(() => catalog.Add(job)).Message);
    }

    [Fact]
    public void Catalog_rejects_identifiers_that_could_inject_sql()
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new FakeProcessor()));
        var job = JobFileReader.Read(Valid.Replace("table: derived", "table: \"derived; drop table raw\""), "test.yaml");
        Assert.Contains("not a valid table or column name", Assert.Throws<JobSpecException>(() => catalog.Add(job)).Message);
    }

    [Fact]
    public void Unknown_job_names_list_the_known_ones()
    {
        var catalog = new JobCatalog(new ProcessorRegistry().Add(new FakeProcessor())).Add(JobFileReader.Read(Valid, "t"));
        Assert.Contains("Known jobs: my-job", Assert.Throws<JobSpecException>(() => catalog.Get("nope")).Message);
    }
}
