using ClaudeProxy.Security;

namespace ClaudeProxy.Configuration;

/// <summary>Fills in what a seed-format file lacks: a stable id per channel, so channels can be addressed by something other than their position.</summary>
public static class ConfigNormalizer
{
    public static ProxyConfig AssignMissingIds(ProxyConfig config, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(config);
        changed = false;
        if (config.Upstream.All(c => c.Id is not null))
        {
            return config;
        }

        changed = true;
        var taken = config.Upstream.Where(c => c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        var channels = config.Upstream.Select(channel =>
        {
            if (channel.Id is not null)
            {
                return channel;
            }

            string id;
            do
            {
                id = NewChannelId();
            }
            while (!taken.Add(id));
            return channel with { Id = id };
        }).ToList();
        return config with { Upstream = channels };
    }

    public static string NewChannelId() => "ch_" + RandomTokens.LowerAlphanumericString(10);
}
