using System.Diagnostics.Metrics;

namespace ClaudeProxy.Observability.Metrics;

/// <summary>
/// The meter every gateway instrument hangs on. One per gateway: the name is the host's to choose so
/// that several gateways in one process (the tests) do not feed each other's <c>/metrics</c>.
/// </summary>
public sealed class GatewayMeter(string name) : IDisposable
{
    public const string DefaultName = "ClaudeProxy";

    public Meter Meter { get; } = new(name);

    public void Dispose() => Meter.Dispose();
}
