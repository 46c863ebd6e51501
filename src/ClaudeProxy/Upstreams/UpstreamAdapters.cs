using System.Collections.Frozen;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams;

/// <summary>The adapter for each service type, and which service types can serve an endpoint.</summary>
public sealed class UpstreamAdapters
{
    private readonly FrozenDictionary<string, IUpstreamAdapter> _byServiceType;
    private readonly FrozenDictionary<ProxyEndpoint, IReadOnlySet<string>> _servingByEndpoint;

    public UpstreamAdapters(IEnumerable<IUpstreamAdapter> adapters)
    {
        _byServiceType = adapters.ToFrozenDictionary(a => a.ServiceType, StringComparer.Ordinal);
        _servingByEndpoint = Enum.GetValues<ProxyEndpoint>().ToFrozenDictionary(
            endpoint => endpoint,
            endpoint => (IReadOnlySet<string>)_byServiceType.Values.Where(a => a.Serves(endpoint)).Select(a => a.ServiceType).ToFrozenSet(StringComparer.Ordinal));
    }

    public IUpstreamAdapter? For(string? serviceType) =>
        serviceType is not null && _byServiceType.TryGetValue(serviceType, out var adapter) ? adapter : null;

    public IReadOnlySet<string> Serving(ProxyEndpoint endpoint) => _servingByEndpoint[endpoint];
}
