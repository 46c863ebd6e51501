using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Security;

/// <summary>
/// The one way a config, or a channel of it, leaves the gateway for a person: the admin API's views
/// and export, and the CLI's. Every string held under a secret-looking name is masked, wherever it
/// sits — <c>apiKeys</c>, and what newer claude-proxy files keep and we only carry along:
/// <c>historicalApiKeys</c>, <c>disabledApiKeys</c> (strings or <c>{"key":…}</c> objects),
/// <c>apiKeyConfigs[].key</c>, the same under <c>responsesUpstream[]</c> and <c>geminiUpstream[]</c>,
/// and any unknown field named like a key, token, secret or password.
/// </summary>
public static class ConfigMasking
{
    private static readonly string[] SecretWords = ["key", "token", "secret", "password", "credential"];

    /// <summary>The whole config as its file's JSON, secrets masked.</summary>
    public static JsonObject Masked(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = JsonSerializer.SerializeToNode(config, ConfigJsonContext.Default.ProxyConfig)!.AsObject();
        Mask(node);
        return node;
    }

    /// <summary>One channel as its file's JSON, secrets masked.</summary>
    public static JsonObject Masked(ChannelConfig channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var node = JsonSerializer.SerializeToNode(channel, ConfigJsonContext.Default.ChannelConfig)!.AsObject();
        Mask(node);
        return node;
    }

    /// <summary>Masks, in place, every string under a secret-looking name in <paramref name="node"/>.</summary>
    public static void Mask(JsonNode? node) => Mask(node, underSecretName: false);

    /// <summary>True for names like <c>apiKeys</c>, <c>historicalApiKeys</c>, <c>accessToken</c>, <c>clientSecret</c>.</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private static void Mask(JsonNode? node, bool underSecretName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var secret = IsSecretName(name) || (underSecretName && name == "value");
                    if (secret && AsString(obj[name]) is { } text)
                    {
                        obj[name] = SecretMask.Mask(text);
                    }
                    else
                    {
                        // Objects under a secret name (disabledApiKeys: [{"key":…,"reason":…}]) mask their
                        // own secret fields, not every string: a reason or a status is no secret.
                        Mask(obj[name], secret);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (underSecretName && AsString(array[i]) is { } text)
                    {
                        array[i] = SecretMask.Mask(text);
                    }
                    else
                    {
                        Mask(array[i], underSecretName);
                    }
                }

                break;
        }
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
