using System.Collections.Concurrent;
using System.Net;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// One pooled HTTP handler per channel, so TLS settings (<c>insecureSkipVerify</c>) belong to the
/// channel and never leak into others, and connections to an upstream are reused across requests.
/// </summary>
public sealed class UpstreamHttpClients : IDisposable
{
    private readonly ConcurrentDictionary<(string ChannelId, bool Insecure), HttpMessageInvoker> _invokers = new();
    private readonly GatewaySettings _settings;

    public UpstreamHttpClients(GatewaySettings settings, ConfigStore configStore)
    {
        _settings = settings;
        configStore.Changed += DropRemovedChannels;
    }

    public HttpMessageInvoker For(ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return _invokers.GetOrAdd((channel.Id ?? "", channel.InsecureSkipVerify), key => new HttpMessageInvoker(CreateHandler(key.Insecure), disposeHandler: true));
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values)
        {
            invoker.Dispose();
        }

        _invokers.Clear();
    }

    private SocketsHttpHandler CreateHandler(bool insecure)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _settings.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            EnableMultipleHttp2Connections = true,
            // Trace headers of this process are not the upstream's business.
            ActivityHeadersPropagator = null,
        };
        if (insecure)
        {
            // The channel's owner opted out of verification (insecureSkipVerify) for this upstream only.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }

    private void DropRemovedChannels(ProxyConfig config)
    {
        var live = config.Upstream.Select(c => (c.Id ?? "", c.InsecureSkipVerify)).ToHashSet();
        foreach (var key in _invokers.Keys)
        {
            if (!live.Contains(key) && _invokers.TryRemove(key, out var stale))
            {
                // In-flight requests hold their own reference; disposing only stops the pool.
                stale.Dispose();
            }
        }
    }
}
