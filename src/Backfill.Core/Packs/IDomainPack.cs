using Backfill.Core.Jobs;
using Backfill.Core.Pipelines;
using Backfill.Core.Processing;
using Backfill.Core.Schema;

namespace Backfill.Core.Packs;

/// <summary>A domain pack: its schema, its processors and its built-in jobs. Depends on Core only.</summary>
public interface IDomainPack
{
    string Name { get; }
    IReadOnlyList<Migration> Migrations { get; }
    IReadOnlyList<IProcessor> Processors { get; }
    IReadOnlyList<JobSpec> Jobs { get; }

    /// <summary>Date-partitioned pipelines (phased processors over a schedule); most packs have none.</summary>
    IReadOnlyList<PipelineSpec> Pipelines => [];
}
