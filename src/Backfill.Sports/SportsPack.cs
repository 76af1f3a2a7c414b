using Backfill.Core.Jobs;
using Backfill.Core.Packs;
using Backfill.Core.Pipelines;
using Backfill.Core.Processing;
using Backfill.Core.Schema;
using Backfill.Sports.Schema;

namespace Backfill.Sports;

/// <summary>The sports pack: NBA raw tables and the date-partitioned NBA pipeline. It has no row-by-row jobs.</summary>
public sealed class SportsPack : IDomainPack
{
    public string Name => "sports";
    public IReadOnlyList<Migration> Migrations => SportsMigrations.All;
    public IReadOnlyList<IProcessor> Processors => [];
    public IReadOnlyList<JobSpec> Jobs => [];
    public IReadOnlyList<PipelineSpec> Pipelines => [NbaPipeline.Spec];
}
