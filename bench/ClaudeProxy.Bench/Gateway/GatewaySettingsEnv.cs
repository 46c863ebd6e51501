namespace ClaudeProxy.Bench.Gateway;

/// <summary>The environment a gateway (or the allocation host) gets: loopback, a port, the run's config and key, logging and metrics as chosen.</summary>
internal static class GatewaySettingsEnv
{
    public static Dictionary<string, string> For(int port, string configPath, string accessKey, bool requestLogs, bool metrics = true) => new()
    {
        ["METRICS_ENABLED"] = metrics ? "true" : "false",
        ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HOST"] = "127.0.0.1",
        ["CONFIG_PATH"] = configPath,
        ["PROXY_ACCESS_KEY"] = accessKey,
        ["ENABLE_REQUEST_LOGS"] = requestLogs ? "true" : "false",
        ["ENABLE_RESPONSE_LOGS"] = requestLogs ? "true" : "false",
        ["ENV"] = "production",
    };
}
