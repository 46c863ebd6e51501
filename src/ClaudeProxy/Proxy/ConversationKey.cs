using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing.Affinity;

namespace ClaudeProxy.Proxy;

/// <summary>
/// Names the conversation a request continues, from what clients send, so that routing keeps it where
/// its prompt cache is: Claude Code's <c>x-claude-code-session-id</c> header, else the session part of
/// <c>metadata.user_id</c> (Claude Code's <c>user_…_account_…_session_&lt;uuid&gt;</c>, or the JSON form
/// with <c>session_id</c>; any other user id names the user's traffic as one conversation), else the
/// <c>conversation_id</c> or <c>session_id</c> headers other clients send. Nothing named, no affinity.
/// </summary>
public static class ConversationKey
{
    private static readonly string[] SessionHeaders = ["x-claude-code-session-id"];
    private static readonly string[] OtherClientHeaders = ["conversation_id", "session_id", "x-session-id"];

    /// <summary>The conversation's hash, or null when the request names none.</summary>
    public static ulong? Of(IHeaderDictionary headers, ParsedMessageRequest? body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var name = FirstHeader(headers, SessionHeaders)
            ?? (body is null ? null : FromUserId(body.Root))
            ?? FirstHeader(headers, OtherClientHeaders);
        return name is null ? null : Rendezvous.Hash(name);
    }

    /// <summary>The session a <c>metadata.user_id</c> names, or the whole id when it is not Claude Code's.</summary>
    public static string? SessionOf(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        const string Marker = "_session_";
        var at = userId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && at + Marker.Length < userId.Length)
        {
            return userId[(at + Marker.Length)..];
        }

        if (userId.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(userId);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("session_id"u8, out var session)
                    && session.ValueKind == JsonValueKind.String
                    && session.GetString() is { Length: > 0 } id)
                {
                    return id;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not JSON after all (or a session id with no text): the text itself names the conversation.
            }
        }

        return userId.Length > 0 ? userId : null;
    }

    private static string? FromUserId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("metadata"u8, out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("user_id"u8, out var userId)
        && userId.ValueKind == JsonValueKind.String
        && Text(userId) is { } text
            ? SessionOf(text)
            : null;

    /// <summary>A string's text; null for one holding a lone surrogate escape (<c>\udc00</c>), which has none and names no conversation.</summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FirstHeader(IHeaderDictionary headers, string[] names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrWhiteSpace(value[0]))
            {
                return value[0];
            }
        }

        return null;
    }
}
