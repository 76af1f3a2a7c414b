using Backfill.Testing.Postgres;

namespace Backfill.Cli.Tests;

/// <summary>xunit only honours collection definitions declared in the test assembly itself.</summary>
[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>;
