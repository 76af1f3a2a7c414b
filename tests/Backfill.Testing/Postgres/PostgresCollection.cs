namespace Backfill.Testing.Postgres;

/// <summary>
/// Name of the xunit collection that shares one <see cref="PostgresServer"/>: mark test classes
/// <c>[Collection(PostgresCollection.Name)]</c>. xunit (and its xUnit1041 analyzer) only honour collection
/// definitions declared in the test assembly itself, so each test project adds this one declaration:
/// <code>
/// [CollectionDefinition(PostgresCollection.Name)]
/// public sealed class PostgresCollectionDefinition : ICollectionFixture&lt;PostgresServer&gt;;
/// </code>
/// </summary>
public static class PostgresCollection
{
    public const string Name = "postgres";
}
