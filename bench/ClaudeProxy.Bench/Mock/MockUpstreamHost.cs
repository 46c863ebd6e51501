using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// The <c>mock</c> mode: a plain Kestrel server on loopback that answers every request at once from
/// <see cref="MockPayloads"/>. It records nothing, so long runs keep a flat memory profile (the test
/// suite's FakeUpstream keeps every request body, which a benchmark cannot afford); its caching mode
/// keeps bounded per-key prompt caches with Anthropic's default 5-minute TTL.
/// </summary>
internal static class MockUpstreamHost
{
    private static readonly TimeSpan PromptCacheTtl = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });

        await using var app = builder.Build();
        var cache = new PromptPrefixCache(PromptCacheTtl, TimeProvider.System);
        var payloads = MockPayloads.Create();
        app.Run(new MockRoutes(payloads, new CachingUpstream(cache), new FleetUpstream(payloads)).HandleAsync);
        await app.StartAsync(ct);
        await ParentLifeline.WaitAsync(app.Lifetime.ApplicationStopping, ct);
        // The bench is done with us: a long graceful drain buys nothing.
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopTimeout.Token);
        return 0;
    }
}
