using System.Text.Json.Serialization;

namespace ClaudeProxy.Proxy;

/// <summary>
/// The <c>GET /v1/models</c> page, readable by both families of clients: Anthropic's page fields
/// (<c>data</c>, <c>has_more</c>, <c>first_id</c>, <c>last_id</c>) and OpenAI's list marker (<c>object</c>).
/// </summary>
public sealed record ModelListPage(
    [property: JsonPropertyName("data")] IReadOnlyList<ModelListEntry> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}

/// <summary>One model with Anthropic's fields (<c>type</c>, <c>id</c>, <c>display_name</c>, <c>created_at</c>) and OpenAI's (<c>object</c>, <c>created</c>, <c>owned_by</c>).</summary>
public sealed record ModelListEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    [JsonPropertyName("object")]
    public string ObjectType => "model";

    /// <summary>Unix seconds, as OpenAI gives it.</summary>
    [JsonPropertyName("created")]
    public long Created => CreatedAt.ToUnixTimeSeconds();

    [JsonPropertyName("owned_by")]
    public string OwnedBy => "claude-proxy";
}
