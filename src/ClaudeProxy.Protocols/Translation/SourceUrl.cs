using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// An image or document <c>source</c> as the one URL string OpenAI's APIs take: a base64 source as a
/// data URI, a URL source as it is. A file source (the Files API) has no URL an upstream could fetch.
/// </summary>
internal static class SourceUrl
{
    /// <summary>Writes the URL as the next value of <paramref name="writer"/>; throws <see cref="TranslationException"/> for a file source.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement source)
    {
        if (AnthropicRequestJson.BlockType(source) == "url" && source.TryGetProperty("url"u8, out var url))
        {
            url.WriteTo(writer);
            return;
        }

        var mediaType = source.TryGetProperty("media_type"u8, out var mediaElement) ? mediaElement.GetString() ?? "" : "";
        if (!source.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.String)
        {
            throw new TranslationException("An image or document with a file source (file_id, the Files API) cannot be sent to this channel's upstream; send it as base64 data or a URL.");
        }

        // Written in pieces, so a large image is never copied into a string.
        var raw = JsonMarshal.GetRawUtf8Value(data);
        var payload = raw[1..^1];
        writer.WriteStringValueSegment("data:"u8, isFinalSegment: false);
        writer.WriteStringValueSegment(Encoding.UTF8.GetBytes(mediaType), isFinalSegment: false);
        writer.WriteStringValueSegment(";base64,"u8, isFinalSegment: false);
        if (payload.Contains((byte)'\\'))
        {
            // Escaped (a .NET client writes + as \u002B): unescape, but stay in UTF-8, since the segments
            // of one string must share an encoding and, unvalidated, a UTF-16 one breaks the JSON.
            writer.WriteStringValueSegment(Encoding.UTF8.GetBytes(data.GetString()!), isFinalSegment: true);
        }
        else
        {
            writer.WriteStringValueSegment(payload, isFinalSegment: true);
        }
    }
}
