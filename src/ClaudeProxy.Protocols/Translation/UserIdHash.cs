using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// <c>metadata.user_id</c> as the lowercase hex of its SHA-256, for OpenAI's per-user fields: they take
/// at most 64 characters (Claude Code's id is about 150), and a hash tells users apart as well without
/// sending who they are.
/// </summary>
internal static class UserIdHash
{
    /// <summary>The hash of the request's <c>metadata.user_id</c>; null when it has none.</summary>
    public static string? From(JsonElement request)
    {
        if (request.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("user_id"u8, out var userId) && userId.ValueKind == JsonValueKind.String)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId.GetString()!)));
        }

        return null;
    }
}
