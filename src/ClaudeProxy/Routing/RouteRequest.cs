namespace ClaudeProxy.Routing;

/// <summary>What the scheduler needs to know about a request to order its attempts.</summary>
public sealed record RouteRequest(ProxyEndpoint Endpoint, string? Model, IReadOnlySet<string> ServiceTypes);
