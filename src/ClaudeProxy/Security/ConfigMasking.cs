using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Security;

/// <summary>
/// The one way a config leaves the gateway for a person (the admin API's export and the CLI's), and
/// how the channel views mask the fields a channel carries unknown to us. Every string held under a
/// secret-looking name is masked, wherever it sits — <c>apiKeys</c>, and what newer claude-proxy
/// files keep and we only carry along: <c>historicalApiKeys</c>, <c>disabledApiKeys</c> (strings or <c>{"key":…}</c> objects),
/// <c>apiKeyConfigs[].key</c>, the same under <c>responsesUpstream[]</c> and <c>geminiUpstream[]</c>,
/// and any unknown field named like a key, token, secret or password.
/// </summary>
public static class ConfigMasking
{
    private static readonly string[] SecretWords = ["key", "token", "secret", "password", "credential"];

    // Maps whose property names are user data (model names and patterns) and whose values hold no secrets.
    private static readonly string[] NotSecretMaps = ["modelMapping", "prices"];

    /// <summary>The whole config as its file's JSON, secrets masked.</summary>
    public static JsonObject Masked(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var node = JsonSerializer.SerializeToNode(config, ConfigJsonContext.Default.ProxyConfig)!.AsObject();
        Mask(node);
        return node;
    }

    /// <summary>Masks, in place, every string under a secret-looking name in <paramref name="node"/>.</summary>
    public static void Mask(JsonNode? node) => Visit(node, underSecretName: false, SecretMask.Mask);

    /// <summary>
    /// Gives masked secrets in an imported config (an export coming back) their real values again: a
    /// masked string stands for the current config's secret with the same mask, when exactly one has it.
    /// The channels' own <c>apiKeys</c> are left to <see cref="Configuration.Editing.KeyRef"/>, which
    /// matches them per channel; this covers what we only carry along (<c>historicalApiKeys</c>, …).
    /// </summary>
    public static ProxyConfig RestoreCarriedSecrets(ProxyConfig imported, ProxyConfig current, string source)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(current);
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        Visit(JsonSerializer.SerializeToNode(current, ConfigJsonContext.Default.ProxyConfig), underSecretName: false, value =>
        {
            var mask = SecretMask.Mask(value);
            known[mask] = known.TryGetValue(mask, out var seen) && seen != value ? null : value;
            return value;
        });

        var restored = 0;
        var node = JsonSerializer.SerializeToNode(imported, ConfigJsonContext.Default.ProxyConfig)!.AsObject();
        foreach (var (name, value) in node.ToList())
        {
            if (name == "upstream" && value is JsonArray channels)
            {
                foreach (var channel in channels.OfType<JsonObject>())
                {
                    foreach (var (field, fieldValue) in channel.ToList())
                    {
                        if (field != "apiKeys")
                        {
                            channel[field] = Restore(fieldValue?.DeepClone(), IsSecretName(field));
                        }
                    }
                }
            }
            else
            {
                node[name] = Restore(value?.DeepClone(), IsSecretName(name));
            }
        }

        return restored == 0 ? imported : ConfigParser.Parse(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()), source);

        JsonNode? Restore(JsonNode? value, bool underSecretName)
        {
            if (underSecretName && AsString(value) is { } text)
            {
                return Unmasked(text) is { } real ? JsonValue.Create(real) : value;
            }

            Visit(value, underSecretName, text => Unmasked(text) ?? text);
            return value;
        }

        string? Unmasked(string text)
        {
            if (SecretMask.IsMasked(text) && known.GetValueOrDefault(text) is { } real)
            {
                restored++;
                return real;
            }

            return null;
        }
    }

    /// <summary>True for names like <c>apiKeys</c>, <c>historicalApiKeys</c>, <c>accessToken</c>, <c>clientSecret</c>.</summary>
    /// <summary>Whether a channel header's value is a secret in views of the config (a relay's token, a cookie).</summary>
    public static bool IsSecretHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsSecretName(name) || name.Contains("auth", StringComparison.OrdinalIgnoreCase) || name.Contains("cookie", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Replaces, in place, every string held under a secret-looking name with <paramref name="replace"/>'s result.</summary>
    private static void Visit(JsonNode? node, bool underSecretName, Func<string, string> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (NotSecretMaps.Contains(name, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    var secret = IsSecretName(name) || (underSecretName && name == "value");
                    if (secret && AsString(obj[name]) is { } text)
                    {
                        obj[name] = replace(text);
                    }
                    else
                    {
                        // Objects under a secret name (disabledApiKeys: [{"key":…,"reason":…}]) mask their
                        // own secret fields, not every string: a reason or a status is no secret.
                        Visit(obj[name], secret, replace);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (underSecretName && AsString(array[i]) is { } text)
                    {
                        array[i] = replace(text);
                    }
                    else
                    {
                        Visit(array[i], underSecretName, replace);
                    }
                }

                break;
        }
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
