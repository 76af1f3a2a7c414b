namespace Backfill.Stores.Tests;

/// <summary>One PostgreSQL server for the whole run; xunit only honours collection definitions in the test assembly.</summary>
[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>;
