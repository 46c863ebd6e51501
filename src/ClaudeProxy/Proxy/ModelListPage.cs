using System.Text.Json.Serialization;

namespace ClaudeProxy.Proxy;

/// <summary>The <c>GET /v1/models</c> page shape of the Anthropic API.</summary>
public sealed record ModelListPage(
    [property: JsonPropertyName("data")] IReadOnlyList<ModelListEntry> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId);

public sealed record ModelListEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
