using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>The usage a relayed answer (or one of its stream chunks) reports, read for the request log.</summary>
internal static class AnswerUsage
{
    /// <summary>
    /// The usage object <paramref name="name"/> at the top of <paramref name="json"/>, in Anthropic terms;
    /// null when there is none or the JSON cannot be read here. The client gets the bytes as they came
    /// either way: only the log misses the count.
    /// </summary>
    public static AnthropicUsage? Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, Func<JsonElement, AnthropicUsage> map)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var usage) && usage.ValueKind == JsonValueKind.Object
                ? map(usage)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
