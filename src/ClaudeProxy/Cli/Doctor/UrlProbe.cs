using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Cli.Doctor;

/// <summary>What a probe found: whether the URL answered, what to say about it, and what to do when it did not.</summary>
internal sealed record ProbeOutcome(bool Answered, string Detail, string? Fix);

/// <summary>
/// Asks an upstream base URL whether anything answers there: its host resolves (unless a proxy resolves it for
/// us), and a plain GET gets any HTTP answer at all, within <paramref name="timeout"/>. Nothing but the URL (without
/// userinfo or query) and a User-Agent is sent: no key, no body. <paramref name="resolve"/> is DNS, replaceable so tests need none.
/// </summary>
internal sealed class UrlProbe(Func<string, CancellationToken, Task<IPAddress[]>> resolve, TimeSpan timeout)
{
    private const string NetworkFix = "check that the upstream is up and the URL's scheme, host and port are right; a firewall or a missing HTTPS_PROXY may be in the way";

    public static UrlProbe Default { get; } = new(Dns.GetHostAddressesAsync, TimeSpan.FromSeconds(5));

    public TimeSpan Timeout => timeout;

    /// <summary>The URL as it may be shown: no userinfo, query or fragment, which may carry credentials.</summary>
    public static string Shown(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";
    }

    public async Task<ProbeOutcome> ProbeAsync(Uri url, bool insecure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var shown = Shown(url);
        var proxy = HttpClient.DefaultProxy.IsBypassed(url) ? null : HttpClient.DefaultProxy.GetProxy(url);
        try
        {
            if (proxy is null && url.HostNameType == UriHostNameType.Dns)
            {
                try
                {
                    await resolve(url.IdnHost, deadline.Token);
                }
                catch (SocketException ex)
                {
                    return new(false, $"{shown}: {url.Host} does not resolve ({ex.Message})", "check the host name in the URL, or this machine's DNS");
                }
            }

            using var client = new HttpClient(Handler(insecure), disposeHandler: true);
            // Userinfo and query may hold credentials, and any answer will do: only the bare URL is asked.
            using var request = new HttpRequestMessage(HttpMethod.Get, shown);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("claude-proxy-doctor", GatewayVersion.Current));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var via = proxy is null ? "" : $" via proxy {Shown(proxy)}";
            return new(true, $"{shown} answers{via} (HTTP {(int)response.StatusCode} in {elapsed.TotalMilliseconds:0} ms)", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"{shown}: no answer within {timeout.TotalSeconds:0.#} s", NetworkFix);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException tls)
        {
            return new(false, $"{shown}: the TLS handshake failed ({tls.Message})",
                "check that the URL should be https and its certificate is valid; insecureSkipVerify on the channel accepts any certificate (only for a host you trust)");
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : ex.Message;
            return new(false, $"{shown}: {why}", NetworkFix);
        }
    }

    /// <summary>As the gateway's own upstream handler: the same proxy settings, no redirects followed, and the channel's insecureSkipVerify.</summary>
    private SocketsHttpHandler Handler(bool insecure)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, AllowAutoRedirect = false, UseCookies = false, ActivityHeadersPropagator = null };
        if (insecure)
        {
#pragma warning disable CA5359 // The channel's owner opted out of verification for this upstream, as the gateway honours.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
}
