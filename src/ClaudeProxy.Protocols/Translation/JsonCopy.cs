using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>Copies a field of the client's request to the upstream's, as it is, under the upstream's name.</summary>
internal static class JsonCopy
{
    /// <summary>Writes <paramref name="from"/>'s number as <paramref name="to"/>; nothing when it is missing or not a number.</summary>
    public static void Number(Utf8JsonWriter writer, JsonElement request, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        if (request.TryGetProperty(from, out var value) && value.ValueKind == JsonValueKind.Number)
        {
            writer.WritePropertyName(to);
            value.WriteTo(writer);
        }
    }
}
