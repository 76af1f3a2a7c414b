using Backfill.Core.Sql;
using Backfill.Postgres;

namespace Backfill.Core.Tests.Sql;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("market_derived_metrics", true)]
    [InlineData("_x1", true)]
    [InlineData("1abc", false)]
    [InlineData("a-b", false)]
    [InlineData("a\"; drop table x; --", false)]
    [InlineData("", false)]
    public void Only_plain_identifiers_are_accepted(string name, bool valid)
    {
        Assert.Equal(valid, SqlIdentifier.IsValid(name));
        if (valid) Assert.Equal($"\"{name}\"", SqlIdentifier.Quote(name));
        else Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(name));
    }

    [Fact]
    public void Postgres_urls_become_npgsql_connection_strings()
    {
        var cs = PostgresConnectionString.ToNpgsql("postgresql://net%40bet:p%3Ass@db.example:6543/risk?sslmode=disable");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        Assert.Equal(("db.example", 6543, "risk", "net@bet", "p:ss", Npgsql.SslMode.Disable), (b.Host, b.Port, b.Database, b.Username, b.Password, b.SslMode));
        Assert.Equal("PostgreSQL db.example:6543/risk", PostgresConnectionString.Describe(cs));
    }

    [Theory]
    [InlineData("postgres://u@h/db", 0)]
    [InlineData("Host=h;Database=db", 0)]
    [InlineData("postgres://u@h/db?Command%20Timeout=45", 45)]
    [InlineData("postgres://u@h/db?CommandTimeout=45", 45)]
    [InlineData("Host=h;Database=db;Command Timeout=45", 45)]
    [InlineData("Host=h;Database=db;commandtimeout=45", 45)]
    [InlineData("Host=h;Database=db;Password=CommandTimeout", 0)]
    public void No_client_side_command_timeout_unless_asked(string db, int seconds) =>
        // Whole-table statistics scans outlive Npgsql's 30 s default on big tables; batches have server-side limits.
        Assert.Equal(seconds, new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(db)).CommandTimeout);

    [Theory]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("Host=localhost;Database=x", true)]
    [InlineData("./backfill.db", false)]
    [InlineData("/data/hosts.db", false)]
    public void Db_argument_kind_is_recognised(string db, bool postgres) => Assert.Equal(postgres, PostgresConnectionString.Looks(db));
}
