using ClaudeProxy.Security;

namespace ClaudeProxy.Configuration;

/// <summary>
/// Fills in what a claude-proxy file lacks: a stable id per channel, so channels can be addressed by something
/// other than their position; and, on a file none of whose channels has an id yet (one claude-proxy wrote), the
/// <see cref="ProxyConfig.PriorityZeroMeansPosition"/> marker when its channels share a priority of 0, which
/// claude-proxy read as "not set".
/// </summary>
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
        if (config.Upstream.All(c => c.Id is null) && config.PriorityZeroMeansPosition is null && SharesZeroPriority(config))
        {
            config = config with { PriorityZeroMeansPosition = true };
        }

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

    private static bool SharesZeroPriority(ProxyConfig config) =>
        config.Upstream.Where(c => c.Priority == 0).GroupBy(c => c.List).Any(list => list.Count() > 1);

    public static string NewChannelId() => "ch_" + RandomTokens.LowerAlphanumericString(10);
}
