using Backfill.Testing.Behaviour.Pipelines;

namespace Backfill.Stores.Tests;

public sealed class SqlitePipelineBehaviour() : PipelineBehaviour(new SqliteStoreFactory());

[Collection(PostgresCollection.Name)]
public sealed class PostgresPipelineBehaviour(PostgresServer server) : PipelineBehaviour(new PostgresStoreFactory(server));
