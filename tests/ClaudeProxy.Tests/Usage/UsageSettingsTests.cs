using ClaudeProxy.Configuration;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>USAGE_DB_PATH, LOG_RETENTION_DAYS, ENABLE_BODY_LOGS and BODY_LOG_MAX_KB.</summary>
public sealed class UsageSettingsTests
{
    private static GatewaySettings Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return GatewaySettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void By_default_the_log_sits_beside_the_config_file_and_keeps_30_days()
    {
        var settings = Read(("CONFIG_PATH", Path.Combine("somewhere", "config.json")));

        Assert.Equal(Path.GetFullPath(Path.Combine("somewhere", "usage.db")), settings.ResolvedUsageDbPath);
        Assert.Equal(30, settings.LogRetentionDays);
        Assert.Equal(Path.GetFullPath(Path.Combine(".config", "usage.db")), Read().ResolvedUsageDbPath);
    }

    [Fact]
    public void The_path_and_the_retention_are_read_and_zero_days_is_allowed()
    {
        var settings = Read(("USAGE_DB_PATH", Path.Combine("logs", "u.db")), ("LOG_RETENTION_DAYS", "0"));

        Assert.Equal(Path.GetFullPath(Path.Combine("logs", "u.db")), settings.ResolvedUsageDbPath);
        Assert.Equal(0, settings.LogRetentionDays);
    }

    [Fact]
    public void A_malformed_retention_is_named()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("LOG_RETENTION_DAYS", "-3")));

        Assert.Contains("LOG_RETENTION_DAYS='-3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_logs_are_off_by_default_and_keep_64_KB_when_on()
    {
        Assert.False(Read().EnableBodyLogs);
        var settings = Read(("ENABLE_BODY_LOGS", "true"));

        Assert.True(settings.EnableBodyLogs);
        Assert.Equal(64 * 1024, settings.BodyLogMaxBytes);
        Assert.Equal(8 * 1024, Read(("BODY_LOG_MAX_KB", "8")).BodyLogMaxBytes);
    }

    [Fact]
    public void A_body_limit_of_zero_is_named()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("BODY_LOG_MAX_KB", "0")));

        Assert.Contains("BODY_LOG_MAX_KB='0'", error.Message, StringComparison.Ordinal);
    }
}
