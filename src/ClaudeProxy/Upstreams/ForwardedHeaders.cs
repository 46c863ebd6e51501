using System.Collections.Frozen;
using System.Net.Http.Headers;

namespace ClaudeProxy.Upstreams;

/// <summary>Which headers cross the proxy, in each direction.</summary>
public static class ForwardedHeaders
{
    // Hop-by-hop headers (RFC 9110 §7.6.1) and what HttpClient sets itself.
    private static readonly FrozenSet<string> HopByHop = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
        "proxy-authorization", "proxy-authenticate", "host", "content-length", "expect");

    // The client's credentials are for the proxy; its encodings are negotiated by the proxy itself.
    private static readonly FrozenSet<string> ClientOnly = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "x-api-key", "authorization", "cookie", "accept-encoding", "x-forwarded-for", "x-forwarded-host",
        "x-forwarded-proto", "x-real-ip", "forwarded", "origin", "referer");

    // What an upstream says only to its direct client.
    private static readonly FrozenSet<string> UpstreamOnly = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "set-cookie", "alt-svc", "strict-transport-security", "content-encoding", "server");

    /// <summary>Copies the client's headers that an Anthropic upstream should see (all but credentials and hop-by-hop).</summary>
    public static void CopyClientHeaders(IHeaderDictionary from, HttpRequestMessage to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        foreach (var (name, values) in from)
        {
            if (HopByHop.Contains(name) || ClientOnly.Contains(name) || name.StartsWith(':'))
            {
                continue;
            }

            if (!to.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && to.Content is not null)
            {
                to.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }

    /// <summary>Copies an upstream response's headers to the client's response.</summary>
    public static void CopyResponseHeaders(HttpResponseMessage from, HttpResponse to, bool keepContentLength)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        Copy(from.Headers);
        Copy(from.Content.Headers);
        if (keepContentLength && from.Content.Headers.ContentLength is { } length)
        {
            to.ContentLength = length;
        }

        void Copy(HttpHeaders headers)
        {
            foreach (var (name, values) in headers)
            {
                if (HopByHop.Contains(name) || UpstreamOnly.Contains(name))
                {
                    continue;
                }

                to.Headers[name] = values.ToArray();
            }
        }
    }
}
