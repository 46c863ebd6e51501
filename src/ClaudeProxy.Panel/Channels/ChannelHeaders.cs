using System.Buffers;

namespace ClaudeProxy.Panel.Channels;

/// <summary>One line of the headers field: <c>Name: value</c>.</summary>
public readonly record struct HeaderLine(string Name, string Value);

/// <summary>
/// A channel's headers as the dialog edits them, one <c>Name: value</c> a line, and the gateway's rule for them:
/// a header name is an HTTP token, and neither credentials (they come from the channel's keys) nor the
/// headers that frame the message may be set.
/// </summary>
public static class ChannelHeaders
{
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "x-api-key", "x-goog-api-key", "api-key",
        "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "expect",
    };

    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The headers as the field shows them, in the server's order.</summary>
    public static string Text(IReadOnlyDictionary<string, string>? headers) =>
        string.Join('\n', (headers ?? new Dictionary<string, string>()).Select(h => $"{h.Key}: {h.Value}"));

    /// <summary>The field's non-empty lines, split at their first colon; null for a line without one.</summary>
    public static IReadOnlyList<HeaderLine?> Parse(string? text) =>
        [.. ChannelForm.Lines(text).Select(line => line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? new HeaderLine(line[..colon].Trim(), line[(colon + 1)..].Trim())
            : (HeaderLine?)null)];

    /// <summary>The headers to send; the field must be valid.</summary>
    public static IReadOnlyDictionary<string, string> Dictionary(string? text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Parse(text).OfType<HeaderLine>())
        {
            headers.TryAdd(line.Name, line.Value);
        }

        return headers;
    }

    /// <summary>True when the field says something else than <paramref name="original"/> (spacing aside).</summary>
    public static bool Changed(string? text, string? original) => !Parse(text).SequenceEqual(Parse(original));

    public static bool IsName(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TokenCharacters);

    public static bool IsRefused(string name) => Refused.Contains(name);

    /// <summary>The shapes the gateway masks a secret with: <c>abc…wxyz</c>, or asterisks only.</summary>
    public static bool LooksMasked(string value) =>
        value.Contains('…', StringComparison.Ordinal) || (value.Length > 0 && value.All(c => c == '*'));
}
