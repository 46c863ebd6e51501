using ClaudeProxy.Configuration;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>
/// Every base URL of every channel (<c>baseUrl</c>, then <c>baseUrls</c>), probed at once. Suspended and disabled
/// channels are probed too and say so, but as routing leaves them out, a URL of theirs that does not answer is
/// only a warning.
/// </summary>
internal static class ChannelChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(ProxyConfig config, UrlProbe probe, bool offline, CancellationToken cancellationToken)
    {
        var checks = new List<Task<DoctorCheck>>();
        foreach (var channel in config.Upstream)
        {
            var status = channel.EffectiveStatus;
            var name = status == ChannelStatus.Active ? $"channel {channel.DisplayName}" : $"channel {channel.DisplayName} ({status})";
            foreach (var url in UrlsOf(channel))
            {
                checks.Add(CheckAsync(name, url, channel, status == ChannelStatus.Active, probe, offline, cancellationToken));
            }
        }

        return await Task.WhenAll(checks);
    }

    private static async Task<DoctorCheck> CheckAsync(string name, string baseUrl, ChannelConfig channel, bool routed, UrlProbe probe, bool offline, CancellationToken cancellationToken)
    {
        // "…#" marks a base used as is; the URL asked is the base itself.
        if (!Uri.TryCreate(BaseUrls.Split(baseUrl).Root, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return DoctorCheck.Fail(name, "a base URL is not an absolute http(s) URL", "fix it with `claude-proxy channels update`, or in the config file");
        }

        if (offline)
        {
            return DoctorCheck.Skip(name, $"{UrlProbe.Shown(url)}: not asked (--offline)");
        }

        var outcome = await probe.ProbeAsync(url, channel.InsecureSkipVerify, cancellationToken);
        return outcome.Answered ? DoctorCheck.Ok(name, outcome.Detail)
            : routed ? DoctorCheck.Fail(name, outcome.Detail, outcome.Fix!)
            : DoctorCheck.Warn(name, $"{outcome.Detail}; the channel is not routed to now", outcome.Fix!);
    }

    /// <summary>The channel's URLs in the order routing tries them, each once (a trailing <c>/</c> makes no other URL).</summary>
    private static IEnumerable<string> UrlsOf(ChannelConfig channel) =>
        new[] { channel.BaseUrl }.Concat(channel.BaseUrls ?? [])
            .OfType<string>()
            .Where(u => !string.IsNullOrWhiteSpace(u))
            .DistinctBy(u => u.TrimEnd('/'), StringComparer.Ordinal);
}
