global using Backfill.Testing.Behaviour;
global using Backfill.Testing.Postgres;
global using Xunit;
