using ClaudeProxy.Configuration;
using ClaudeProxy.Security;

namespace ClaudeProxy.Hosting;

/// <summary>
/// What a person sees at start: where the gateway listens, how to point Claude Code at it, which key
/// opens which door, and warnings about weak keys. A generated key is shown in full only on the start
/// that generated it, and only when standard output is a terminal (not a log collector); otherwise the
/// banner names the file that holds it. Written to the console directly, never to the log.
/// </summary>
public static class StartupBanner
{
    /// <summary>Only when this instance is one of several: its id and what it shares.</summary>
    private static string[] Fleet(GatewaySettings settings) => settings.RedisUrl is null && settings.UsageDbUrl is null
        ? []
        :
        [
            $"  Instance      {settings.InstanceId}",
            .. settings.RedisUrl is { } redis ? [$"  Shared state  {ConnectionAddress.Redact(redis)}  (Redis)"] : Array.Empty<string>(),
            .. settings.UsageDbUrl is { } usage ? [$"  Request log   {ConnectionAddress.Redact(usage)}  (PostgreSQL)"] : Array.Empty<string>(),
        ];

    public static string Render(
        IEnumerable<string> addresses,
        GatewayKeys keys,
        ConfigStore configStore,
        GatewaySettings settings,
        IReadOnlyList<string> warnings,
        bool outputIsTerminal,
        bool panelServed)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(configStore);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(warnings);
        var bound = addresses.ToList();
        var local = bound.Select(ForBrowser).FirstOrDefault() ?? $"http://localhost:{settings.Port}";
        var accessKey = keys.Proxy;
        var key = accessKey.Source switch
        {
            AccessKeySource.GeneratedNow when outputIsTerminal => $"{accessKey.Value}\n                (generated now and saved to {accessKey.StoredAt}; keep it secret)",
            AccessKeySource.GeneratedNow => $"{accessKey.Masked}  (generated now; the full key is in {accessKey.StoredAt})",
            AccessKeySource.Stored => $"{accessKey.Masked}  (full key in {accessKey.StoredAt})",
            _ => $"{accessKey.Masked}  (from PROXY_ACCESS_KEY)",
        };
        var doors = keys.Admin is { } admin
            ? new[]
            {
                $"  Access key    {key}",
                "                opens /v1 only",
                $"  Admin key     {admin.Masked}  (from ADMIN_ACCESS_KEY)",
                "                opens the admin API (/api, /admin)",
            }
            : [$"  Access key    {key}", "                opens /v1 and the admin API (set ADMIN_ACCESS_KEY to give the admin side a key of its own)"];
        var channels = configStore.Current.Upstream.Count;
        List<string> lines =
        [
            "",
            $"  ClaudeProxy {GatewayVersion.Current}  ({settings.Environment})",
            "",
            $"  Listening on  {string.Join(", ", bound)}",
            $"  Messages API  {local}/v1/messages",
            .. (panelServed ? [$"  Web panel     {local}/"] : Array.Empty<string>()),
            $"  Admin API     {local}/api",
            $"  Health        {local}/health",
            $"  Config        {configStore.FilePath}  ({channels} channel{(channels == 1 ? "" : "s")})",
            .. Fleet(settings),
            .. doors,
            "",
            "  Use it from Claude Code:",
            $"    ANTHROPIC_BASE_URL={local} ANTHROPIC_API_KEY=<access key> claude",
        ];
        if (channels == 0)
        {
            lines.Add("");
            lines.Add("  No channel yet: add one to the config file above; it is picked up without a restart:");
            lines.Add("""    {"upstream":[{"name":"anthropic","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant-…"]}]}""");
        }

        foreach (var warning in warnings)
        {
            lines.Add("");
            lines.Add($"  Warning: {warning}");
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
