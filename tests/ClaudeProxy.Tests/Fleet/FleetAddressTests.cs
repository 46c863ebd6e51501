using System.Net;
using ClaudeProxy.Configuration;
using ClaudeProxy.Fleet;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>REDIS_URL and USAGE_DB_URL as read, and as shown: never with their password.</summary>
public sealed class FleetAddressTests
{
    private static GatewaySettings Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return GatewaySettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void A_redis_address_gives_host_port_user_password_database_and_tls()
    {
        var options = RedisAddress.Parse("rediss://gateway:s%40cret@redis.internal:6380/2");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("redis.internal", 6380), (endpoint.Host, endpoint.Port));
        Assert.Equal(("gateway", "s@cret", 2, true), (options.User, options.Password, options.DefaultDatabase, options.Ssl));
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void A_redis_address_without_port_or_user_uses_the_default_port_and_a_lone_user_part_is_the_password()
    {
        var plain = RedisAddress.Parse("redis://127.0.0.1");
        Assert.Equal(RedisAddress.DefaultPort, Assert.IsType<IPEndPoint>(Assert.Single(plain.EndPoints)).Port);
        Assert.Null(plain.Password);

        Assert.Equal((null, "secret"), (RedisAddress.Parse("redis://secret@host").User, RedisAddress.Parse("redis://secret@host").Password));
        Assert.Equal((null, "secret"), (RedisAddress.Parse("redis://:secret@host").User, RedisAddress.Parse("redis://:secret@host").Password));
    }

    [Fact]
    public void A_redis_address_naming_no_database_number_is_refused()
    {
        Assert.Throws<FormatException>(() => RedisAddress.Parse("redis://host/cache"));
        Assert.Throws<FormatException>(() => RedisAddress.Parse("http://host:6379"));
    }

    [Theory]
    [InlineData("redis://user:hunter2@host:6379/0", "redis://user:***@host:6379/0")]
    [InlineData("postgres://app:hunter2@db:5432/usage?sslmode=require", "postgres://app:***@db:5432/usage?sslmode=require")]
    [InlineData("redis://host:6379", "redis://host:6379")]
    [InlineData("hunter2@host", "***")]
    public void A_shown_address_keeps_everything_but_the_password(string address, string shown) =>
        Assert.Equal(shown, ConnectionAddress.Redact(address));

    [Fact]
    public void Several_instance_settings_are_read_and_default_to_one_embedded_instance_named_after_the_host()
    {
        var defaults = Read();
        Assert.Null(defaults.RedisUrl);
        Assert.Null(defaults.UsageDbUrl);
        Assert.Equal(InstanceIdentity.DefaultId(), defaults.InstanceId);

        var fleet = Read(("REDIS_URL", "redis://redis:6379"), ("USAGE_DB_URL", "postgresql://app@db/usage"), ("INSTANCE_ID", "gw-1.eu_west"));
        Assert.Equal(("redis://redis:6379", "postgresql://app@db/usage", "gw-1.eu_west"), (fleet.RedisUrl, fleet.UsageDbUrl, fleet.InstanceId));
    }

    [Fact]
    public void A_malformed_address_is_refused_naming_the_variable_without_its_password()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("REDIS_URL", "http://user:hunter2@redis:6379"), ("USAGE_DB_URL", "mysql://app:hunter3@db/usage")));

        Assert.Contains("REDIS_URL='http://user:***@redis:6379': expected redis://host[:port] or rediss://host[:port]", error.Message, StringComparison.Ordinal);
        Assert.Contains("USAGE_DB_URL='mysql://app:***@db/usage'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("a-name-that-is-far-longer-than-sixty-four-characters-which-no-host-needs-at-all")]
    public void An_instance_id_outside_letters_digits_dots_dashes_and_underscores_is_refused(string id)
    {
        var error = Assert.Throws<SettingsException>(() => Read(("INSTANCE_ID", id)));
        Assert.Contains("INSTANCE_ID=", error.Message, StringComparison.Ordinal);
    }
}
