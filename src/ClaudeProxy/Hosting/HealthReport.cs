using System.Text.Json.Serialization;

namespace ClaudeProxy.Hosting;

/// <summary>
/// The public <c>/health</c> answer (claude-proxy's shape plus the version and the commit it was built from, null
/// when the build did not know it); it holds no secrets.
/// <see cref="Status"/> is <c>healthy</c> (200), or <c>draining</c> (503) once a shutdown began.
/// </summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("uptime")] double Uptime,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("commit")] string? Commit,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("config")] HealthConfigSummary Config);

public sealed record HealthConfigSummary(
    [property: JsonPropertyName("upstreamCount")] int UpstreamCount,
    [property: JsonPropertyName("loadBalance")] string LoadBalance);
