using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

public sealed class GatewaySettingsReaderTests
{
    private static GatewaySettings Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return GatewaySettingsReader.Read(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Defaults_match_claude_proxy()
    {
        var settings = Read();

        Assert.Equal(3000, settings.Port);
        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Null(settings.AccessKey);
        Assert.True(settings.EnableWebUi);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.RequestTimeout);
        Assert.Equal("development", settings.Environment);
        Assert.Equal(Path.Combine(".config", "config.json"), settings.ConfigPath);
        Assert.Equal(50L * 1024 * 1024, settings.MaxRequestBodyBytes);
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var settings = Read(
            ("PORT", "8080"), ("HOST", "127.0.0.1"), ("PROXY_ACCESS_KEY", "k-123"), ("ENABLE_WEB_UI", "false"),
            ("LOG_LEVEL", "warn"), ("ENABLE_REQUEST_LOGS", "0"), ("ENABLE_RESPONSE_LOGS", "no"), ("REQUEST_TIMEOUT", "45000"),
            ("RESPONSE_HEADER_TIMEOUT", "30"), ("STREAM_IDLE_TIMEOUT", "90"), ("NODE_ENV", "production"),
            ("CONFIG_PATH", "/etc/claude-proxy/config.json"), ("MAX_REQUEST_BODY_SIZE_MB", "64"));

        Assert.Equal(8080, settings.Port);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal("k-123", settings.AccessKey);
        Assert.False(settings.EnableWebUi);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.False(settings.EnableRequestLogs);
        Assert.False(settings.EnableResponseLogs);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ResponseHeaderTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.StreamIdleTimeout);
        Assert.Equal("production", settings.Environment);
        Assert.Equal("/etc/claude-proxy/config.json", settings.ConfigPath);
        Assert.Equal(64L * 1024 * 1024, settings.MaxRequestBodyBytes);
    }

    [Fact]
    public void Env_wins_over_node_env()
    {
        Assert.Equal("production", Read(("ENV", "production"), ("NODE_ENV", "development")).Environment);
    }

    [Fact]
    public void The_seed_placeholder_key_counts_as_no_key()
    {
        Assert.Null(Read(("PROXY_ACCESS_KEY", "your-proxy-access-key")).AccessKey);
    }

    [Fact]
    public void Every_malformed_value_is_reported_at_once_by_name()
    {
        var error = Assert.Throws<SettingsException>(() => Read(
            ("PORT", "eighty"), ("LOG_LEVEL", "verbose"), ("ENABLE_WEB_UI", "maybe"), ("REQUEST_TIMEOUT", "-5"), ("ENV", "staging")));

        Assert.Contains("PORT='eighty'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL='verbose'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ENABLE_WEB_UI='maybe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("REQUEST_TIMEOUT='-5'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ENV/NODE_ENV='staging'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_env_file_is_read_and_the_process_environment_wins()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ".env");
        File.WriteAllText(path, """
            # comment
            export PORT=4000
            LOG_LEVEL="debug"
            HOST='127.0.0.1'
            CLAUDE_PROXY_TEST_ONLY_VARIABLE=from-file # trailing comment
            """);
        var file = DotEnvFile.Read(path);

        Assert.Equal("4000", file["PORT"]);
        Assert.Equal("debug", file["LOG_LEVEL"]);
        Assert.Equal("127.0.0.1", file["HOST"]);
        Assert.Equal("from-file", file["CLAUDE_PROXY_TEST_ONLY_VARIABLE"]);

        var variables = GatewaySettingsReader.EnvironmentWithDotEnv(path);
        Assert.Equal("4000", variables("PORT"));
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), variables("PATH"));
    }

    [Fact]
    public void A_dot_env_line_without_equals_is_an_error_naming_the_line()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ".env");
        File.WriteAllText(path, "PORT=1\nnonsense\n");

        var error = Assert.Throws<SettingsException>(() => DotEnvFile.Read(path));

        Assert.Contains(".env:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_timeout_is_read_in_seconds_defaults_to_30_and_may_be_zero()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Read().ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), Read(("SHUTDOWN_TIMEOUT", "5")).ShutdownTimeout);
        Assert.Equal(TimeSpan.Zero, Read(("SHUTDOWN_TIMEOUT", "0")).ShutdownTimeout);
        var error = Assert.Throws<SettingsException>(() => Read(("SHUTDOWN_TIMEOUT", "-1")));
        Assert.Contains("SHUTDOWN_TIMEOUT='-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_session_ttl_is_read_in_seconds_defaults_to_seven_days_and_refuses_less_than_a_minute()
    {
        Assert.Equal(TimeSpan.FromDays(7), Read().SessionTtl);
        Assert.Equal(TimeSpan.FromHours(1), Read(("SESSION_TTL", "3600")).SessionTtl);
        var error = Assert.Throws<SettingsException>(() => Read(("SESSION_TTL", "59")));
        Assert.Contains("SESSION_TTL='59'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_admin_key_and_the_failed_login_throttle_are_read()
    {
        var settings = Read(("ADMIN_ACCESS_KEY", "admin-key-0123456789"), ("AUTH_FAILURE_LIMIT", "5"), ("AUTH_LOCKOUT_SECONDS", "60"));

        Assert.Equal("admin-key-0123456789", settings.AdminAccessKey);
        Assert.Equal(5, settings.AuthFailureLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.AuthLockout);
    }

    [Fact]
    public void Without_them_there_is_no_admin_key_and_ten_failures_lock_out_for_five_minutes()
    {
        var settings = Read();

        Assert.Null(settings.AdminAccessKey);
        Assert.Equal(10, settings.AuthFailureLimit);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.AuthLockout);
        Assert.False(settings.AccessKeyWasPlaceholder);
    }

    [Fact]
    public void Malformed_throttle_settings_are_named()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("AUTH_FAILURE_LIMIT", "-1"), ("AUTH_LOCKOUT_SECONDS", "soon")));

        Assert.Contains("AUTH_FAILURE_LIMIT='-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AUTH_LOCKOUT_SECONDS='soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Claude_proxys_example_key_is_dropped_and_remembered_for_a_warning()
    {
        var settings = Read(("PROXY_ACCESS_KEY", "your-proxy-access-key"));

        Assert.Null(settings.AccessKey);
        Assert.True(settings.AccessKeyWasPlaceholder);
    }

    [Fact]
    public void Log_format_is_text_unless_json_is_asked_for_and_anything_else_is_named()
    {
        Assert.False(Read().JsonLogs);
        Assert.False(Read(("LOG_FORMAT", "text")).JsonLogs);
        Assert.True(Read(("LOG_FORMAT", "JSON")).JsonLogs);
        var error = Assert.Throws<SettingsException>(() => Read(("LOG_FORMAT", "xml")));
        Assert.Contains("LOG_FORMAT='xml': expected text or json", error.Message, StringComparison.Ordinal);
    }
}
