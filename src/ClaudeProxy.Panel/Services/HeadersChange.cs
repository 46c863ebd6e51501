using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Panel.Services;

/// <summary>A channel's new headers: the whole set, or none (written as null, which removes them).</summary>
[JsonConverter(typeof(HeadersChangeConverter))]
public sealed record HeadersChange(IReadOnlyDictionary<string, string> Headers);

/// <summary>Writes a <see cref="HeadersChange"/> as its object, or null when it holds no header; the panel never reads one.</summary>
public sealed class HeadersChangeConverter : JsonConverter<HeadersChange>
{
    public override HeadersChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The panel only sends header changes.");

    public override void Write(Utf8JsonWriter writer, HeadersChange value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Headers.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, text) in value.Headers)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
