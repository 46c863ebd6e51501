using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Security;

namespace ClaudeProxy.Configuration.Editing;

/// <summary>
/// A partial update of a channel from JSON: fields present replace their value (null removes it),
/// fields absent keep theirs — unlike claude-proxy's PUT, which wiped the keys of any channel
/// updated without them. Keys sent back masked stand for the real keys. Unknown fields are refused
/// by name; read-only ones the API returns (<c>index</c>, <c>health</c>, …) are ignored.
/// </summary>
public static class ChannelPatch
{
    private static readonly FrozenSet<string> Editable = ChannelFieldTypes.Names.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ReadOnly = FrozenSet.Create(StringComparer.Ordinal,
        "id", "index", "keyCount", "health", "latency", "current", "list", "defaultDoors");

    public static ChannelConfig Apply(ChannelConfig channel, JsonElement patch)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "The body must be a JSON object of channel fields.");
        }

        var node = JsonSerializer.SerializeToNode(channel, ConfigJsonContext.Default.ChannelConfig)!.AsObject();
        foreach (var property in patch.EnumerateObject())
        {
            if (ReadOnly.Contains(property.Name))
            {
                continue;
            }

            if (!Editable.Contains(property.Name))
            {
                throw new ConfigEditException(ConfigEditError.Invalid, $"{property.Name}: unknown field.", property.Name);
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                node.Remove(property.Name);
                continue;
            }

            ChannelFieldTypes.Check(property.Name, property.Value);
            if (property.Name == "apiKeys")
            {
                node["apiKeys"] = Keys(property.Value, channel);
            }
            else if (property.Name == "headers")
            {
                node["headers"] = Headers(property.Value, channel);
            }
            else
            {
                node[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        // The file list a channel is kept in is no field of its own: an edit leaves it where it is.
        return FromNode(node) with { List = channel.List };
    }

    /// <summary>A new channel from a JSON body; the same field rules as a patch.</summary>
    public static ChannelConfig Create(JsonElement body) => Apply(new ChannelConfig(), body);

    private static JsonArray Keys(JsonElement value, ChannelConfig current)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.String))
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "apiKeys: expected an array of strings.", "apiKeys");
        }

        var keys = KeyRef.Unmask(value.EnumerateArray().Select(k => k.GetString()!.Trim()), current);
        return new JsonArray([.. keys.Select(k => (JsonNode)k)]);
    }

    /// <summary>A secret header's value sent back as the admin API showed it (masked) stands for the stored value.</summary>
    private static JsonObject Headers(JsonElement value, ChannelConfig current)
    {
        var headers = new JsonObject();
        foreach (var header in value.EnumerateObject())
        {
            headers[header.Name] = header.Value.ValueKind == JsonValueKind.String
                && ConfigMasking.IsSecretHeader(header.Name)
                && current.Headers?.FirstOrDefault(h => string.Equals(h.Key, header.Name, StringComparison.OrdinalIgnoreCase)) is { Value: { } stored }
                && string.Equals(header.Value.GetString(), SecretMask.Mask(stored), StringComparison.Ordinal)
                    ? stored
                    : JsonNode.Parse(header.Value.GetRawText());
        }

        return headers;
    }

    private static ChannelConfig FromNode(JsonObject node)
    {
        try
        {
            var channel = node.Deserialize(ConfigJsonContext.Default.ChannelConfig) ?? throw new ConfigEditException(ConfigEditError.Invalid, "The channel is empty.");
            // Init-only properties absent from the JSON arrive as null from the source-generated reader.
            return channel with { ApiKeys = channel.ApiKeys ?? [] };
        }
        catch (JsonException ex)
        {
            var field = ex.Path?.TrimStart('$', '.') ?? "";
            throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: has the wrong type.", field);
        }
    }
}
