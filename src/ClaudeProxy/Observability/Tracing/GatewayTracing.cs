using System.Diagnostics;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Observability.Tracing;

/// <summary>
/// The gateway's activity source: one span per proxied request, one child per upstream attempt.
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while nothing listens,
/// so with no exporter tracing costs a flag check.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "ClaudeProxy";

    public const string RequestSpanName = "claude_proxy.request";

    public const string AttemptSpanName = "claude_proxy.upstream_attempt";

    public static ActivitySource Source { get; } = new(SourceName, GatewayVersion.Current);
}
