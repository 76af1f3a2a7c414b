namespace Backfill.Stores.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineBehaviour(PostgresServer server) : EngineBehaviour(new PostgresStoreFactory(server));
