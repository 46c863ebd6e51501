using System.Net;

namespace ClaudeProxy.Bench.Load;

/// <summary>The in-process client: pooled keep-alive connections, nothing the server does not need (no proxy, cookies or decompression).</summary>
internal static class LoopbackHttp
{
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = null,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
