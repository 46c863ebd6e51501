using System.Buffers;
using System.Security.Cryptography;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Tool-use ids in Anthropic's alphabet (<c>^[a-zA-Z0-9_-]+$</c>). Upstream ids such as Kimi's
/// <c>functions.Bash:0</c> are sanitised the same way every time, so the id the client echoes back
/// in <c>tool_result</c> matches what the upstream saw in the assistant turn.
/// </summary>
public static class ToolUseIds
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    public static string NewId() => "toolu_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);

    public static string Sanitize(string? upstreamId)
    {
        if (string.IsNullOrEmpty(upstreamId))
        {
            return NewId();
        }

        if (!upstreamId.AsSpan().ContainsAnyExcept(Allowed))
        {
            return upstreamId;
        }

        return string.Create(upstreamId.Length, upstreamId, static (span, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                span[i] = Allowed.Contains(id[i]) ? id[i] : '_';
            }
        });
    }

    /// <summary>A message id in Anthropic's shape.</summary>
    public static string NewMessageId() => "msg_" + RandomNumberGenerator.GetHexString(24, lowercase: true);
}
