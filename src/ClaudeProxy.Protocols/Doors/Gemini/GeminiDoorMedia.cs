using System.Text.Json;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// <c>inlineData</c> as an Anthropic block: an image (JPEG, PNG, GIF, WebP) or a PDF document. Other
/// media (audio, video, other documents) have no Anthropic form and are a problem rather than dropped:
/// the model would answer without what the user showed it.
/// </summary>
internal static class GeminiDoorMedia
{
    public static GeminiDoorBlock Read(JsonElement inlineData, string path)
    {
        Object(inlineData, path);
        if (!TryGet(inlineData, "mimeType", out var mimeType, out var mimeKey))
        {
            throw DoorProblem.At(Child(path, "mimeType"), "Field required");
        }

        var mimePath = Child(path, mimeKey);
        String(mimeType, mimePath);
        if (!TryGet(inlineData, "data", out var data, out var dataKey))
        {
            throw DoorProblem.At(Child(path, "data"), "Field required");
        }

        String(data, Child(path, dataKey));
        var media = mimeType.GetString()!.Trim().ToLowerInvariant();
        return media switch
        {
            "image/jpeg" or "image/jpg" => Image("image/jpeg", data),
            "image/png" or "image/gif" or "image/webp" => Image(media, data),
            "application/pdf" => new GeminiDoorBlock(GeminiDoorBlockKind.Document, data, MediaType: media),
            _ => throw DoorProblem.At(mimePath, $"{Quote(mimeType)} is not supported: images (image/jpeg, image/png, image/gif, image/webp) and application/pdf are"),
        };
    }

    private static GeminiDoorBlock Image(string mediaType, JsonElement data) => new(GeminiDoorBlockKind.Image, data, MediaType: mediaType);
}
