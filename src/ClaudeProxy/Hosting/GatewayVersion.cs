namespace ClaudeProxy.Hosting;

public static class GatewayVersion
{
    /// <summary>The version alone (<c>0.1.0</c>), as the banner, <c>/health</c>, traces and the upstream User-Agent show it.</summary>
    public static string Current => BuildInfo.Current.Version;
}
