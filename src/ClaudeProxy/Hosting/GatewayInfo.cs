using System.Text.Json.Serialization;

namespace ClaudeProxy.Hosting;

/// <summary>What <c>GET /</c> says when there is no web panel to serve.</summary>
public sealed record GatewayInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("endpoints")] IReadOnlyDictionary<string, string> Endpoints);
