using System.Globalization;
using ClaudeProxy.Bench.Processes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Bench.Gateway;

/// <summary>
/// The <c>gateway-host</c> mode: the gateway built by <see cref="GatewayApp.Build"/> with the same
/// environment settings as the real executable, plus one extra endpoint, <c>GET /bench/allocated</c>,
/// that reports <see cref="GC.GetTotalAllocatedBytes(bool)"/>. The difference between two readings
/// around N requests is what the whole gateway (Kestrel, routing, translation, HttpClient, logging)
/// allocated per request. It runs on the JIT; the code and so the allocations are the same as the
/// native build's.
/// </summary>
internal static class AllocationHost
{
    public const string AllocatedPath = "/bench/allocated";

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        var settings = GatewaySettingsReader.Read(Environment.GetEnvironmentVariable);
        await using var app = GatewayApp.Build(new GatewayOptions { Settings = settings, BannerWriter = null });
        app.MapGet(AllocatedPath, () => GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture));
        await app.StartAsync(ct);
        await ParentLifeline.WaitAsync(app.Lifetime.ApplicationStopping, ct);
        // The bench is done with us: a long graceful drain buys nothing.
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopTimeout.Token);
        return 0;
    }
}
