using ClaudeProxy.Configuration;
using ClaudeProxy.Security;

namespace ClaudeProxy.Hosting;

/// <summary>
/// What a person sees at start: where the gateway listens, how to point Claude Code at it, and the
/// access key — in full only on the start that generated it, masked afterwards. Written to the
/// console directly, never to the log.
/// </summary>
public static class StartupBanner
{
    public static string Render(IEnumerable<string> addresses, AccessKey accessKey, ConfigStore configStore, GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(accessKey);
        ArgumentNullException.ThrowIfNull(configStore);
        ArgumentNullException.ThrowIfNull(settings);
        var bound = addresses.ToList();
        var local = bound.Select(ForBrowser).FirstOrDefault() ?? $"http://localhost:{settings.Port}";
        var key = accessKey.Source switch
        {
            AccessKeySource.GeneratedNow => $"{accessKey.Value}\n                (generated now and saved to {accessKey.StoredAt}; keep it secret)",
            AccessKeySource.Stored => $"{accessKey.Masked}  (full key in {accessKey.StoredAt})",
            _ => $"{accessKey.Masked}  (from PROXY_ACCESS_KEY)",
        };
        var channels = configStore.Current.Upstream.Count;
        var lines = new List<string>
        {
            "",
            $"  ClaudeProxy {GatewayVersion.Current}  ({settings.Environment})",
            "",
            $"  Listening on  {string.Join(", ", bound)}",
            $"  Messages API  {local}/v1/messages",
            $"  Web panel     {(settings.EnableWebUi ? local + "/" : "disabled (ENABLE_WEB_UI=false)")}",
            $"  Health        {local}/health",
            $"  Config        {configStore.FilePath}  ({channels} channel{(channels == 1 ? "" : "s")})",
            $"  Access key    {key}",
            "",
            "  Use it from Claude Code:",
            $"    ANTHROPIC_BASE_URL={local} ANTHROPIC_API_KEY=<access key> claude",
        };
        if (channels == 0)
        {
            lines.Add("");
            lines.Add("  No channel yet: add one to the config file above; it is picked up without a restart:");
            lines.Add("""    {"upstream":[{"name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant-…"]}]}""");
        }

        lines.Add("");
        return string.Join(Environment.NewLine, lines);
    }

    private static string ForBrowser(string address) =>
        address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
}
