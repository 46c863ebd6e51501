using System.Net.Http.Headers;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// How a <c>claude</c> channel presents its key: <c>x-api-key</c> for <c>sk-ant-api…</c> keys, Bearer for
/// OAuth tokens (<c>sk-ant-oat…</c>) and relay keys, unless the channel's <c>authStyle</c> says otherwise.
/// </summary>
public sealed class ClaudeAuth
{
    private readonly bool? _bearer;

    public ClaudeAuth(string? authStyle) => _bearer = authStyle?.ToLowerInvariant() switch
    {
        AuthStyle.Bearer => true,
        AuthStyle.ApiKeyHeader => false,
        _ => null,
    };

    public void Apply(HttpRequestMessage request, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(apiKey);
        if (_bearer ?? !apiKey.StartsWith("sk-ant-api", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }
    }
}
