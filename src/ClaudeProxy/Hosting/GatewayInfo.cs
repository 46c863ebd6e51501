using System.Text.Json.Serialization;

namespace ClaudeProxy.Hosting;

/// <summary>What <c>GET /</c> says to a client that asks for JSON rather than the web panel.</summary>
public sealed record GatewayInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("endpoints")] IReadOnlyDictionary<string, string> Endpoints);
