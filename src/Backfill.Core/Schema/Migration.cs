namespace Backfill.Core.Schema;

/// <summary>Column types the engine needs; each store maps them to its own SQL types.</summary>
public enum ColumnType { BigInt, Identity, Text, Double, Boolean, Timestamp, Json, Date }

public sealed record ColumnDef(string Name, ColumnType Type, bool NotNull = false, string? References = null);

public abstract record MigrationStep;

/// <summary>Creates a table unless it exists (existing databases keep their own column types).</summary>
public sealed record CreateTable(string Table, IReadOnlyList<ColumnDef> Columns, IReadOnlyList<string> PrimaryKey) : MigrationStep;

/// <summary>Adds the columns a table lacks; columns already there are left as they are.</summary>
public sealed record AddColumns(string Table, IReadOnlyList<ColumnDef> Columns) : MigrationStep;

public sealed record CreateIndex(string Name, string Table, IReadOnlyList<string> Columns) : MigrationStep;

/// <summary>A versioned schema change. Ids sort in apply order within a pack; applied ids are recorded.</summary>
public sealed record Migration(string Id, string Description, IReadOnlyList<MigrationStep> Steps);
