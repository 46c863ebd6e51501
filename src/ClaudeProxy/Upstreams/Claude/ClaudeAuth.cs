using System.Net.Http.Headers;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// How a <c>claude</c> channel presents its key: <c>x-api-key</c> for <c>sk-ant-api…</c> keys, Bearer for
/// OAuth tokens (<c>sk-ant-oat…</c>) and relay keys, unless the channel's <c>authStyle</c> says otherwise.
/// </summary>
public static class ClaudeAuth
{
    public static void Apply(HttpRequestMessage request, ChannelConfig channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(apiKey);
        if (UsesBearer(channel, apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }
    }

    private static bool UsesBearer(ChannelConfig channel, string apiKey) => channel.AuthStyle?.ToLowerInvariant() switch
    {
        AuthStyle.Bearer => true,
        AuthStyle.ApiKeyHeader => false,
        _ => !apiKey.StartsWith("sk-ant-api", StringComparison.Ordinal),
    };
}
