using System.Reflection;

namespace ClaudeProxy.Hosting;

public static class GatewayVersion
{
    public static string Current { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
