using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// claude-proxy's "降级": keys that failed on quota while a later attempt of the same request
/// succeeded move to the end of their channel's key list, so the next requests start with keys
/// that work. The new order is saved to the config file as an automatic write, through the
/// <see cref="ConfigWriteWorker"/>: the request that noticed never waits for the file lock.
/// </summary>
public sealed partial class KeyDegradation(ConfigWriteWorker configWrites, ILogger<KeyDegradation> logger)
{
    public async Task DemoteAsync(string channelId, IReadOnlyCollection<string> exhaustedKeys)
    {
        try
        {
            await configWrites.UpdateAsync(
                config => config with
                {
                    Upstream = [.. config.Upstream.Select(channel => channel.Id == channelId ? MoveToEnd(channel, exhaustedKeys) : channel)],
                },
                ConfigWriteKind.Automatic);
            LogDemoted(exhaustedKeys.Count, channelId);
        }
        catch (Exception ex)
        {
            LogDemotionFailed(channelId, ex.Message);
        }
    }

    private static ChannelConfig MoveToEnd(ChannelConfig channel, IReadOnlyCollection<string> exhausted)
    {
        var keep = channel.ApiKeys.Where(k => !exhausted.Contains(k)).ToList();
        var demoted = channel.ApiKeys.Where(exhausted.Contains).ToList();
        return channel with { ApiKeys = [.. keep, .. demoted] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} key(s) that ran out of quota to the end of channel {ChannelId}'s list")]
    private partial void LogDemoted(int count, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the demoted key order of channel {ChannelId}: {Reason}")]
    private partial void LogDemotionFailed(string channelId, string reason);
}
