using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Security;

namespace ClaudeProxy.Cli;

/// <summary>
/// Masks every string held under a secret-looking name (…key…, …token…, …secret…, …password…) in
/// a JSON tree. Besides each channel's <c>apiKeys</c> this catches secrets in fields we only carry
/// along, such as a newer claude-proxy's <c>historicalApiKeys</c> or <c>responsesUpstream[].apiKeys</c>.
/// </summary>
internal static class SecretJson
{
    private static readonly string[] SecretWords = ["key", "token", "secret", "password"];

    public static void Mask(JsonNode? node) => Mask(node, underSecretName: false);

    private static void Mask(JsonNode? node, bool underSecretName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var secret = underSecretName || IsSecretName(name);
                    if (secret && AsString(obj[name]) is { } text)
                    {
                        obj[name] = SecretMask.Mask(text);
                    }
                    else
                    {
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

    private static bool IsSecretName(string name) => SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
