namespace ClaudeProxy.Hosting;

/// <summary>When this process started serving, as a <see cref="TimeProvider"/> timestamp (for uptime).</summary>
public sealed record GatewayStartTime(long Timestamp);
