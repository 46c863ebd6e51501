using ClaudeProxy.Security;

namespace ClaudeProxy.Configuration.Editing;

/// <summary>
/// Finds a key of a channel without the raw key having to travel: by its position, or by the masked
/// fingerprint the API and CLI show. The raw key itself is still accepted (claude-proxy's
/// <c>DELETE …/keys/{apiKey}</c>).
/// </summary>
public static class KeyRef
{
    public static int Resolve(ChannelConfig channel, string reference)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(reference);
        var exact = IndexOf(channel, k => string.Equals(k, reference, StringComparison.Ordinal));
        if (exact >= 0)
        {
            return exact;
        }

        var masked = channel.ApiKeys.Select((k, i) => (k, i)).Where(x => SecretMask.Mask(x.k) == reference).ToList();
        if (masked.Count == 1)
        {
            return masked[0].i;
        }

        if (masked.Count > 1)
        {
            throw new ConfigEditException(ConfigEditError.Conflict, "Several keys share that fingerprint; remove by position instead.");
        }

        if (int.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < channel.ApiKeys.Count)
        {
            return index;
        }

        throw new ConfigEditException(ConfigEditError.NotFound, $"Channel '{channel.DisplayName}' has no such key.");
    }

    /// <summary>
    /// Keys as a client sent them back: a masked fingerprint of one of the channel's keys stands for
    /// that key, so an edit made from masked output never replaces a real key with its mask.
    /// </summary>
    public static IReadOnlyList<string> Unmask(IEnumerable<string> sent, ChannelConfig? current)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return [.. sent.Select(k => current?.ApiKeys.FirstOrDefault(real => SecretMask.Mask(real) == k && real != k) ?? k)];
    }

    private static int IndexOf(ChannelConfig channel, Func<string, bool> predicate)
    {
        for (var i = 0; i < channel.ApiKeys.Count; i++)
        {
            if (predicate(channel.ApiKeys[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
