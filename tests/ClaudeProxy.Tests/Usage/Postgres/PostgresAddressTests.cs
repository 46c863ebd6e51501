using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Usage.Postgres;
using Npgsql;
using Xunit;

namespace ClaudeProxy.Tests.Usage.Postgres;

/// <summary>USAGE_DB_URL as an Npgsql connection string: every part read, the password only ever in the connection string.</summary>
public sealed class PostgresAddressTests
{
    [Fact]
    public void User_password_host_port_database_and_sslmode_become_the_connection_string()
    {
        var address = PostgresAddress.Parse("postgres://gateway:s3cret@db.internal:6543/usage?sslmode=require");

        var parsed = new NpgsqlConnectionStringBuilder(address.ConnectionString);

        Assert.Equal(("db.internal", 6543, "usage", "gateway", SslMode.Require), (address.Host, address.Port, address.Database, address.Username, address.SslMode));
        Assert.Equal(("db.internal", 6543, "usage", "gateway", "s3cret", SslMode.Require), (parsed.Host, parsed.Port, parsed.Database, parsed.Username, parsed.Password, parsed.SslMode));
        Assert.Equal(PostgresAddress.DefaultConnectTimeoutSeconds, parsed.Timeout);
    }

    [Fact]
    public void A_percent_encoded_user_password_and_database_are_decoded()
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresAddress.Parse("postgresql://us%40er:p%40ss%3Aw%2Frd%20x@127.0.0.1/my%20db").ConnectionString);

        Assert.Equal(("us@er", "p@ss:w/rd x", "my db"), (parsed.Username, parsed.Password, parsed.Database));
    }

    [Fact]
    public void Without_a_port_database_or_password_the_defaults_apply()
    {
        var address = PostgresAddress.Parse("postgres://gateway@db");

        var parsed = new NpgsqlConnectionStringBuilder(address.ConnectionString);

        Assert.Equal((PostgresAddress.DefaultPort, (string?)null, (string?)null), (address.Port, address.Database, parsed.Password));
        Assert.Equal(SslMode.Prefer, address.SslMode);
    }

    [Fact]
    public void An_ipv6_host_and_the_other_libpq_options_are_read()
    {
        var address = PostgresAddress.Parse("postgres://u:p@[::1]:5433/db?sslmode=verify-full&connect_timeout=12&application_name=gw-a");

        var parsed = new NpgsqlConnectionStringBuilder(address.ConnectionString);

        Assert.Equal(("::1", 5433, SslMode.VerifyFull, 12, "gw-a"), (parsed.Host, parsed.Port, parsed.SslMode, parsed.Timeout, parsed.ApplicationName));
    }

    [Theory]
    [InlineData("postgres://gateway:hunter2-pw@db/usage?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgres://gateway:hunter2-pw@db/usage?connect_timeout=never", "connect_timeout 'never'")]
    [InlineData("postgres://gateway:hunter2-pw@db/usage?target_session_attrs=any", "unknown option 'target_session_attrs'")]
    [InlineData("mysql://gateway:hunter2-pw@db/usage", "expected postgres://")]
    [InlineData("postgres://gateway:hunter2-pw@/usage", "expected postgres://")]
    public void A_bad_address_is_refused_naming_the_problem_but_never_the_password(string url, string problem)
    {
        var failure = Assert.Throws<FormatException>(() => PostgresAddress.Parse(url));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-pw", failure.ToString(), StringComparison.Ordinal);
        Assert.False(PostgresAddress.TryParse(url, out _, out var reported));
        Assert.DoesNotContain("hunter2-pw", reported, StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_shows_itself_without_the_password()
    {
        const string Url = "postgres://gateway:hunter2-pw@db:5432/usage?sslmode=disable";

        var shown = PostgresAddress.Parse(Url).ToString();

        Assert.Equal("postgres://gateway:***@db:5432/usage?sslmode=disable", shown);
        Assert.Equal(ConnectionAddress.Redact(Url), shown);
    }

    [Fact]
    public void A_bad_option_in_USAGE_DB_URL_is_a_settings_problem_that_hides_the_password()
    {
        var failure = Assert.Throws<SettingsException>(() => GatewaySettingsReader.Read(
            name => name == "USAGE_DB_URL" ? "postgres://gateway:hunter2-pw@db/usage?sslmode=maybe" : null));

        Assert.Contains("USAGE_DB_URL='postgres://gateway:***@db/usage?sslmode=maybe': sslmode 'maybe'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-pw", failure.Message, StringComparison.Ordinal);
    }
}
