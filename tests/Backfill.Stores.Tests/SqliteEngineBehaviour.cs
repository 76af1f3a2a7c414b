namespace Backfill.Stores.Tests;

public sealed class SqliteEngineBehaviour() : EngineBehaviour(new SqliteStoreFactory());
