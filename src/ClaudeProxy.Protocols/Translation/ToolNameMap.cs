using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Makes tool names fit an upstream's rules (OpenAI: <c>^[a-zA-Z0-9_-]{1,64}$</c>; Gemini adds
/// <c>.</c> and <c>:</c> and wants a letter or <c>_</c> first) and maps them back on the way out.
/// The upstream name is derived deterministically from the original (sanitised, then a 55-character
/// prefix plus an 8-character hash when it is too long or had to change), so the same history
/// always maps to the same names and no state is kept between requests.
/// </summary>
public sealed class ToolNameMap
{
    private const int MaxLength = 64;
    private const int PrefixLength = 55;

    private readonly Dictionary<string, string> _toOriginal = new(StringComparer.Ordinal);
    private readonly SearchValues<char> _allowed;
    private readonly bool _mustStartWithLetterOrUnderscore;

    private ToolNameMap(SearchValues<char> allowed, bool mustStartWithLetterOrUnderscore)
    {
        _allowed = allowed;
        _mustStartWithLetterOrUnderscore = mustStartWithLetterOrUnderscore;
    }

    /// <summary>OpenAI Chat Completions function names.</summary>
    public static ToolNameMap ForOpenAI() => new(OpenAIAllowed, mustStartWithLetterOrUnderscore: false);

    /// <summary>Gemini function declarations.</summary>
    public static ToolNameMap ForGemini() => new(GeminiAllowed, mustStartWithLetterOrUnderscore: true);

    private static readonly SearchValues<char> OpenAIAllowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    private static readonly SearchValues<char> GeminiAllowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:");

    /// <summary>The name to send upstream for <paramref name="original"/>; remembered for <see cref="ToOriginal"/>.</summary>
    public string ToUpstream(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var upstream = Derive(original);
        _toOriginal.TryAdd(upstream, original);
        return upstream;
    }

    /// <summary>The client's name for a name the upstream used; unknown names come back as they are.</summary>
    public string ToOriginal(string upstream) => _toOriginal.TryGetValue(upstream, out var original) ? original : upstream;

    private string Derive(string original)
    {
        var valid = original.Length is > 0 and <= MaxLength
            && !original.AsSpan().ContainsAnyExcept(_allowed)
            && (!_mustStartWithLetterOrUnderscore || char.IsAsciiLetter(original[0]) || original[0] == '_');
        if (valid)
        {
            return original;
        }

        var sanitized = new StringBuilder(Math.Min(original.Length, PrefixLength) + 1);
        if (_mustStartWithLetterOrUnderscore && (original.Length == 0 || !(char.IsAsciiLetter(original[0]) || original[0] == '_')))
        {
            sanitized.Append('_');
        }

        foreach (var c in original)
        {
            if (sanitized.Length == PrefixLength)
            {
                break;
            }

            sanitized.Append(_allowed.Contains(c) ? c : '_');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(original));
        return $"{sanitized}_{Convert.ToHexStringLower(hash, 0, 4)}";
    }
}
