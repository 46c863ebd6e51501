using System.Collections.Frozen;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Policies;

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

    /// <summary>
    /// The adapter of a routed attempt's channel. Routing offers only channels of the service types in
    /// <see cref="Serving"/>, so every routed channel has one.
    /// </summary>
    public IUpstreamAdapter ForRouted(RoutedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return For(channel.ServiceType) ?? throw new InvalidOperationException($"Channel '{channel.DisplayName}' was routed without an adapter for '{channel.ServiceType}'.");
    }

    public IReadOnlySet<string> Serving(ProxyEndpoint endpoint) => _servingByEndpoint[endpoint];
}
