namespace ClaudeProxy.Routing;

/// <summary>Which client-facing endpoint a request came in on; channels may serve only some of them.</summary>
public enum ProxyEndpoint
{
    Messages,
    CountTokens,
    Models,
}
