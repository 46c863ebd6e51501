using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>An OpenAI image URL as a hub image block: a base64 <c>data:</c> URL of a type Anthropic takes, or an http(s) URL.</summary>
internal static class HubImages
{
    /// <summary>The image block of the URL string <paramref name="url"/>; a problem at <paramref name="path"/> for anything else.</summary>
    public static HubBlock FromUrl(JsonElement url, string path)
    {
        var raw = JsonMarshal.GetRawUtf8Value(url)[1..^1];
        if (raw.StartsWith("data:"u8))
        {
            var header = DataUrlHeader(url, raw);
            if (header is null || !header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                throw DoorProblem.At(path, "a data URL must be base64 (data:image/png;base64,…)");
            }

            var mediaType = header[..^";base64".Length].ToLowerInvariant() switch
            {
                "image/jpeg" or "image/jpg" => "image/jpeg",
                "image/png" => "image/png",
                "image/gif" => "image/gif",
                "image/webp" => "image/webp",
                var other => throw DoorProblem.At(path, $"the image type '{other}' is not supported (image/jpeg, image/png, image/gif, image/webp)"),
            };
            return new HubBlock(HubBlockKind.Image, url, MediaType: mediaType);
        }

        var text = url.GetString() ?? "";
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return new HubBlock(HubBlockKind.Image, url);
        }

        throw DoorProblem.At(path, "expected an http(s) URL or a base64 data URL");
    }

    /// <summary>The part of a <c>data:</c> URL between <c>data:</c> and the comma; null when there is no comma.</summary>
    private static string? DataUrlHeader(JsonElement url, ReadOnlySpan<byte> raw)
    {
        if (raw.Contains((byte)'\\'))
        {
            // Escaped (a client that writes / as \/): decode it; rare enough not to matter.
            var decoded = url.GetString()!;
            var comma = decoded.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? null : decoded[5..comma];
        }

        var end = raw.IndexOf((byte)',');
        return end < 0 ? null : Encoding.UTF8.GetString(raw[5..end]);
    }
}
