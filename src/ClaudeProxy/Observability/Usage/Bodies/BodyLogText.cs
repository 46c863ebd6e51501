using System.Globalization;
using System.Text;
using ClaudeProxy.Security;

namespace ClaudeProxy.Observability.Usage.Bodies;

/// <summary>
/// A body as the request log keeps it: the first bytes as text (never a character cut in half), a note
/// of how much was left out, and every secret the gateway knows masked, along with anything shaped like
/// a provider key (<see cref="SecretRedactor"/>).
/// </summary>
public static class BodyLogText
{
    public static string From(ReadOnlySpan<byte> utf8, long totalBytes, int maxBytes, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var kept = utf8[..Math.Min(utf8.Length, maxBytes)];
        if (kept.Length < totalBytes)
        {
            kept = kept[..CompleteCharacters(kept)];
        }

        var text = Encoding.UTF8.GetString(kept);
        if (secrets.Count == 0)
        {
            text = SecretRedactor.Redact(text, null);
        }

        foreach (var secret in secrets)
        {
            text = SecretRedactor.Redact(text, secret);
        }
        return kept.Length < totalBytes
            ? text + string.Create(CultureInfo.InvariantCulture, $"\n[… truncated: {totalBytes - kept.Length} more bytes, {totalBytes} in all]")
            : text;
    }

    /// <summary>The length of the prefix that ends on a whole UTF-8 character.</summary>
    private static int CompleteCharacters(ReadOnlySpan<byte> utf8)
    {
        // A cut falls at most three bytes into a character: step back over continuation bytes to its lead byte.
        var end = utf8.Length;
        var back = 0;
        while (back < 3 && end - back - 1 >= 0 && (utf8[end - back - 1] & 0xC0) == 0x80)
        {
            back++;
        }

        var leadAt = end - back - 1;
        if (leadAt < 0)
        {
            return end;
        }

        var lead = utf8[leadAt];
        var width = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
        return back + 1 >= width ? end : leadAt;
    }
}
