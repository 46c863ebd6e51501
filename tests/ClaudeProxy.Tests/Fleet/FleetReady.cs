using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Waits until gateways of a test fleet are connected to its Redis: they start serving before they are.</summary>
internal static class FleetReady
{
    public static async Task ConnectedAsync(CancellationToken cancellationToken, params FleetGateway[] gateways)
    {
        foreach (var gateway in gateways)
        {
            await Eventually.HoldsAsync(async () => (string?)(await gateway.GetJsonAsync("/api/cluster", cancellationToken))["redis"] == "connected",
                $"instance {gateway.Id} is connected to Redis", cancellationToken);
        }
    }
}
