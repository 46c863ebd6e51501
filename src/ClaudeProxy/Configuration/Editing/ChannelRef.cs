namespace ClaudeProxy.Configuration.Editing;

/// <summary>
/// Finds a channel by what a person or script has at hand: its stable id, its position in the list
/// (a number, as claude-proxy's API used), or — for the CLI — its name (case-insensitive).
/// </summary>
public static class ChannelRef
{
    public static int Resolve(ProxyConfig config, string reference, bool allowName = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reference);
        var byId = IndexWhere(config, c => string.Equals(c.Id, reference, StringComparison.Ordinal));
        if (byId >= 0)
        {
            return byId;
        }

        if (int.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return index < config.Upstream.Count
                ? index
                : throw new ConfigEditException(ConfigEditError.NotFound, $"There is no channel at position {index} (there are {config.Upstream.Count}).");
        }

        if (allowName)
        {
            var byName = config.Upstream.Select((c, i) => (c, i)).Where(x => string.Equals(x.c.Name, reference, StringComparison.OrdinalIgnoreCase)).ToList();
            if (byName.Count == 1)
            {
                return byName[0].i;
            }

            if (byName.Count > 1)
            {
                throw new ConfigEditException(ConfigEditError.Conflict, $"{byName.Count} channels are named '{reference}'; use the id or position instead.");
            }
        }

        throw new ConfigEditException(ConfigEditError.NotFound, $"There is no channel '{reference}'.");
    }

    private static int IndexWhere(ProxyConfig config, Func<ChannelConfig, bool> predicate)
    {
        for (var i = 0; i < config.Upstream.Count; i++)
        {
            if (predicate(config.Upstream[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
