namespace ClaudeProxy.Configuration;

/// <summary>Server settings from environment variables (and <c>.env</c>), with claude-proxy's names and defaults.</summary>
public sealed record GatewaySettings
{
    public int Port { get; init; } = 3000;

    public string Host { get; init; } = "0.0.0.0";

    /// <summary>The key clients present; null means "use the generated one kept in the config folder".</summary>
    public string? AccessKey { get; init; }

    public bool EnableWebUi { get; init; } = true;

    /// <summary>PANEL_DIR: serve the panel from this folder (a panel publish's wwwroot) instead of the copy built into the binary.</summary>
    public string? PanelDirectory { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>LOG_FORMAT=json: console lines as JSON objects (message and fields) instead of text.</summary>
    public bool JsonLogs { get; init; }

    public bool EnableRequestLogs { get; init; } = true;

    public bool EnableResponseLogs { get; init; } = true;

    /// <summary>Total deadline of a non-streaming upstream call (a non-stream Anthropic call sends headers only when done).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(300_000);

    /// <summary>How long a streaming upstream may take to send its response headers.</summary>
    public TimeSpan ResponseHeaderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stream may stay silent between two reads.</summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most upstream attempts (keys and channels) one request may make.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>No new attempt starts this long after the request arrived (Claude Code itself gives up after 600 s).</summary>
    public TimeSpan RetryDeadline { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>development or production.</summary>
    public string Environment { get; init; } = "development";

    public string ConfigPath { get; init; } = Path.Combine(".config", "config.json");

    public long MaxRequestBodyBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>The largest upstream event a stream may send; a larger one breaks the stream (MAX_SSE_EVENT_SIZE_MB).</summary>
    public int MaxSseEventBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>The largest non-stream upstream body, counted after decompression (MAX_RESPONSE_BODY_SIZE_MB).</summary>
    public int MaxResponseBodyBytes { get; init; } = 64 * 1024 * 1024;

    // Shutdown.

    /// <summary>
    /// How long in-flight requests and streams may run on after SIGTERM/SIGINT; streams still open
    /// then end with an <c>overloaded_error</c> event. Zero ends them at once.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    // Access and its protection.

    /// <summary>
    /// ADMIN_ACCESS_KEY: when set, the only key that opens the admin surface (<c>/api</c>, <c>/admin</c>),
    /// and the proxy key then opens <c>/v1</c> only. Null: the proxy key opens both, as in claude-proxy.
    /// </summary>
    public string? AdminAccessKey { get; init; }

    /// <summary>PROXY_ACCESS_KEY held claude-proxy's example value, which is ignored (a key is generated instead).</summary>
    public bool AccessKeyWasPlaceholder { get; init; }

    /// <summary>AUTH_FAILURE_LIMIT: failed key checks from one address within a minute that lock it out; 0 turns throttling off.</summary>
    public int AuthFailureLimit { get; init; } = 10;

    /// <summary>AUTH_LOCKOUT_SECONDS: how long a locked-out address gets 429 for a wrong key.</summary>
    public TimeSpan AuthLockout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>SESSION_TTL: how long a web panel login lasts (the session and its cookie's Max-Age).</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromDays(7);

    // Stored Responses.

    /// <summary>RESPONSES_STORE_TTL: how long an answer of <c>/v1/responses</c> with <c>store</c> stays available to <c>previous_response_id</c>.</summary>
    public TimeSpan StoredResponseTtl { get; init; } = TimeSpan.FromHours(6);

    /// <summary>RESPONSES_STORE_MAX_MB: the most memory stored Responses conversations take; the oldest go first beyond it.</summary>
    public long StoredResponseMaxBytes { get; init; } = 256L * 1024 * 1024;

    // Usage log.

    /// <summary>USAGE_DB_PATH: the SQLite file of the request log; null means <c>usage.db</c> beside the config file.</summary>
    public string? UsageDbPath { get; init; }

    /// <summary>
    /// USAGE_DB_URL: a <c>postgres://</c> address; the request log then lives in that PostgreSQL database, shared by every
    /// instance, and <see cref="UsageDbPath"/> is not used. Null keeps the embedded SQLite file.
    /// </summary>
    public string? UsageDbUrl { get; init; }

    /// <summary>LOG_RETENTION_DAYS: how long request log rows are kept; 0 keeps them forever.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>ENABLE_BODY_LOGS: the request log also keeps each request's and answer's body, truncated and redacted.</summary>
    public bool EnableBodyLogs { get; init; }

    /// <summary>BODY_LOG_MAX_KB: how much of each body the request log keeps.</summary>
    public int BodyLogMaxBytes { get; init; } = 64 * 1024;

    // Metrics and traces.

    /// <summary>METRICS_ENABLED: collect OpenTelemetry metrics and serve them at <c>GET /metrics</c>; false collects nothing.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>METRICS_PUBLIC: <c>/metrics</c> answers without a key (for a scraper on a private network); otherwise it needs the admin key.</summary>
    public bool MetricsPublic { get; init; }

    /// <summary>OTEL_EXPORTER_OTLP_ENDPOINT: where traces go over OTLP; null sends none.</summary>
    public Uri? OtlpEndpoint { get; init; }

    // Several instances.

    /// <summary>
    /// REDIS_URL: a <c>redis://</c> or <c>rediss://</c> address; key rests, circuits, key caps, stored Responses, sessions, login lockouts
    /// and config changes are then shared with every instance on the same Redis. Null keeps all of it in this process.
    /// </summary>
    public string? RedisUrl { get; init; }

    /// <summary>INSTANCE_ID: this instance's name among several (logs, request log rows, <c>/health</c>); the host name by default.</summary>
    public string InstanceId { get; init; } = InstanceIdentity.DefaultId();

    /// <summary>True when INSTANCE_ID was set, rather than the id defaulting to the host name.</summary>
    public bool InstanceIdGiven { get; init; }

    /// <summary>
    /// True when this instance runs as one of several (INSTANCE_ID set, or state or the request log shared): each
    /// request's log line then names it.
    /// </summary>
    public bool NamesInstanceInLogs => InstanceIdGiven || RedisUrl is not null || UsageDbUrl is not null;

    /// <summary>The request log file: <see cref="UsageDbPath"/>, else <c>usage.db</c> beside the config file.</summary>
    public string ResolvedUsageDbPath =>
        Path.GetFullPath(UsageDbPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ConfigPath)) ?? ".", "usage.db"));
}
