using System.Globalization;
using ClaudeProxy.Observability.Usage.Postgres;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Builds <see cref="GatewaySettings"/> from variables (the process environment over <c>.env</c>).
/// Every malformed value is reported at once, naming the variable and what it accepts.
/// </summary>
public static class GatewaySettingsReader
{
    /// <summary>claude-proxy's example key; running with it is as good as running without a key.</summary>
    public const string SeedPlaceholderKey = "your-proxy-access-key";

    public static GatewaySettings Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var problems = new List<string>();
        var defaults = new GatewaySettings();

        string? Get(string name) => variables(name) is { Length: > 0 } value ? value.Trim() : null;

        var environment = (Get("ENV") ?? Get("NODE_ENV") ?? defaults.Environment).ToLowerInvariant();
        environment = environment switch
        {
            "dev" => "development",
            "prod" => "production",
            _ => environment,
        };
        if (environment is not ("development" or "production"))
        {
            problems.Add($"ENV/NODE_ENV='{environment}': expected development or production");
        }

        var maxBodyMb = Integer("MAX_REQUEST_BODY_SIZE_MB", 50, 1, 1024);
        var settings = new GatewaySettings
        {
            Port = Integer("PORT", defaults.Port, 0, 65535),
            Host = Get("HOST") ?? defaults.Host,
            AccessKey = Get("PROXY_ACCESS_KEY") is { } key && key != SeedPlaceholderKey ? key : null,
            EnableWebUi = Boolean("ENABLE_WEB_UI", defaults.EnableWebUi),
            PanelDirectory = Get("PANEL_DIR"),
            LogLevel = Level(Get("LOG_LEVEL")),
            JsonLogs = Format(Get("LOG_FORMAT")),
            EnableRequestLogs = Boolean("ENABLE_REQUEST_LOGS", defaults.EnableRequestLogs),
            EnableResponseLogs = Boolean("ENABLE_RESPONSE_LOGS", defaults.EnableResponseLogs),
            RequestTimeout = TimeSpan.FromMilliseconds(Integer("REQUEST_TIMEOUT", (int)defaults.RequestTimeout.TotalMilliseconds, 1000, int.MaxValue)),
            ResponseHeaderTimeout = TimeSpan.FromSeconds(Integer("RESPONSE_HEADER_TIMEOUT", (int)defaults.ResponseHeaderTimeout.TotalSeconds, 1, 3600)),
            StreamIdleTimeout = TimeSpan.FromSeconds(Integer("STREAM_IDLE_TIMEOUT", (int)defaults.StreamIdleTimeout.TotalSeconds, 1, 86400)),
            Environment = environment,
            ConfigPath = Get("CONFIG_PATH") ?? defaults.ConfigPath,
            MaxRequestBodyBytes = maxBodyMb * 1024L * 1024L,
            MaxSseEventBytes = Integer("MAX_SSE_EVENT_SIZE_MB", defaults.MaxSseEventBytes / (1024 * 1024), 1, 1024) * 1024 * 1024,
            MaxResponseBodyBytes = Integer("MAX_RESPONSE_BODY_SIZE_MB", defaults.MaxResponseBodyBytes / (1024 * 1024), 1, 1024) * 1024 * 1024,
            MaxAttempts = Integer("MAX_ATTEMPTS", defaults.MaxAttempts, 1, 100),
            RetryDeadline = TimeSpan.FromSeconds(Integer("RETRY_DEADLINE", (int)defaults.RetryDeadline.TotalSeconds, 1, 86400)),

            // Shutdown.
            ShutdownTimeout = TimeSpan.FromSeconds(Integer("SHUTDOWN_TIMEOUT", (int)defaults.ShutdownTimeout.TotalSeconds, 0, 3600)),
            // Access and its protection.
            AdminAccessKey = Get("ADMIN_ACCESS_KEY"),
            AccessKeyWasPlaceholder = Get("PROXY_ACCESS_KEY") == SeedPlaceholderKey,
            AuthFailureLimit = Integer("AUTH_FAILURE_LIMIT", defaults.AuthFailureLimit, 0, 1000),
            AuthLockout = TimeSpan.FromSeconds(Integer("AUTH_LOCKOUT_SECONDS", (int)defaults.AuthLockout.TotalSeconds, 1, 86400)),
            SessionTtl = TimeSpan.FromSeconds(Integer("SESSION_TTL", (int)defaults.SessionTtl.TotalSeconds, 60, 31_536_000)),

            // Stored Responses.
            StoredResponseTtl = TimeSpan.FromSeconds(Integer("RESPONSES_STORE_TTL", (int)defaults.StoredResponseTtl.TotalSeconds, 60, 2_592_000)),
            StoredResponseMaxBytes = Integer("RESPONSES_STORE_MAX_MB", (int)(defaults.StoredResponseMaxBytes / (1024 * 1024)), 1, 64 * 1024) * 1024L * 1024,

            // Usage log.
            UsageDbPath = Get("USAGE_DB_PATH"),
            UsageDbUrl = PostgresUrl(ServerAddress("USAGE_DB_URL", "postgres", "postgresql")),
            LogRetentionDays = Integer("LOG_RETENTION_DAYS", defaults.LogRetentionDays, 0, 36500),
            EnableBodyLogs = Boolean("ENABLE_BODY_LOGS", defaults.EnableBodyLogs),
            BodyLogMaxBytes = Integer("BODY_LOG_MAX_KB", defaults.BodyLogMaxBytes / 1024, 1, 16 * 1024) * 1024,

            // Metrics and traces.
            MetricsEnabled = Boolean("METRICS_ENABLED", defaults.MetricsEnabled),
            MetricsPublic = Boolean("METRICS_PUBLIC", defaults.MetricsPublic),
            OtlpEndpoint = Endpoint("OTEL_EXPORTER_OTLP_ENDPOINT"),

            // Several instances.
            RedisUrl = ServerAddress("REDIS_URL", "redis", "rediss"),
            InstanceId = Instance(Get("INSTANCE_ID")) ?? defaults.InstanceId,
            InstanceIdGiven = Get("INSTANCE_ID") is not null,
        };

        if (problems.Count > 0)
        {
            throw new SettingsException("Invalid settings:" + System.Environment.NewLine + "  " + string.Join(System.Environment.NewLine + "  ", problems));
        }

        return settings;

        int Integer(string name, int fallback, int min, int max)
        {
            var raw = Get(name);
            if (raw is null)
            {
                return fallback;
            }

            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                problems.Add($"{name}='{raw}': expected a whole number from {min} to {max}");
                return fallback;
            }

            return value;
        }

        bool Boolean(string name, bool fallback)
        {
            var raw = Get(name);
            switch (raw?.ToLowerInvariant())
            {
                case null:
                    return fallback;
                case "true" or "1" or "yes" or "on":
                    return true;
                case "false" or "0" or "no" or "off":
                    return false;
                default:
                    problems.Add($"{name}='{raw}': expected true or false");
                    return fallback;
            }
        }

        Uri? Endpoint(string name)
        {
            var raw = Get(name);
            if (raw is null)
            {
                return null;
            }

            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"{name}='{raw}': expected an http or https address");
                return null;
            }

            return uri;
        }

        // A server's address may carry a password: a problem names the address without it.
        string? ServerAddress(string name, params string[] schemes)
        {
            var raw = Get(name);
            if (raw is null)
            {
                return null;
            }

            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme) || uri.Host.Length == 0)
            {
                problems.Add($"{name}='{ConnectionAddress.Redact(raw)}': expected {string.Join(" or ", schemes.Select(s => s + "://host[:port]"))}");
                return null;
            }

            return raw;
        }

        // Its options too (sslmode, …), so a bad one stops the start here rather than when the log is first written.
        string? PostgresUrl(string? raw)
        {
            if (raw is not null && !PostgresAddress.TryParse(raw, out _, out var problem))
            {
                problems.Add("USAGE_DB_URL=" + problem);
                return null;
            }

            return raw;
        }

        string? Instance(string? raw)
        {
            if (raw is null)
            {
                return null;
            }

            if (!InstanceIdentity.IsValid(raw))
            {
                problems.Add($"INSTANCE_ID='{raw}': expected 1 to {InstanceIdentity.MaxLength} letters, digits, '.', '_' or '-'");
                return null;
            }

            return raw;
        }

        bool Format(string? raw)
        {
            switch (raw?.ToLowerInvariant())
            {
                case null or "text":
                    return false;
                case "json":
                    return true;
                default:
                    problems.Add($"LOG_FORMAT='{raw}': expected text or json");
                    return false;
            }
        }

        LogLevel Level(string? raw)
        {
            switch (raw?.ToLowerInvariant())
            {
                case null or "info":
                    return LogLevel.Information;
                case "debug":
                    return LogLevel.Debug;
                case "warn" or "warning":
                    return LogLevel.Warning;
                case "error":
                    return LogLevel.Error;
                default:
                    problems.Add($"LOG_LEVEL='{raw}': expected debug, info, warn or error");
                    return LogLevel.Information;
            }
        }
    }

    /// <summary>The process environment, falling back to a <c>.env</c> file's values.</summary>
    public static Func<string, string?> EnvironmentWithDotEnv(string dotEnvPath)
    {
        var file = DotEnvFile.Read(dotEnvPath);
        return name => System.Environment.GetEnvironmentVariable(name) ?? file.GetValueOrDefault(name);
    }
}
