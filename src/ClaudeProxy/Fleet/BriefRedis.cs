using StackExchange.Redis;

namespace ClaudeProxy.Fleet;

/// <summary>
/// A Redis call a request waits for (a lookup, a write the next request depends on): bounded by a short wait, and
/// an outage or a slow answer is the default result, never an error. A disconnected Redis is not even asked, so an
/// outage costs requests nothing.
/// </summary>
internal static partial class BriefRedis
{
    public static async Task<T?> TryAsync<T>(FleetRedis redis, Func<IDatabase, Task<T>> call, TimeSpan wait, TimeProvider time, ILogger logger)
    {
        if (!redis.IsConnected)
        {
            return default;
        }

        try
        {
            return await call(redis.Database).WaitAsync(wait, time).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (ex is not RedisTimeoutException)
        {
            // Slow, not gone: the connection's own timeouts tell an outage.
            LogSlow(logger, (int)wait.TotalMilliseconds);
            return default;
        }
        catch (Exception ex) when (FleetRedis.IsOutage(ex))
        {
            redis.Failed(ex);
            return default;
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Debug, Message = "Redis did not answer within {Milliseconds} ms: went on without it")]
    private static partial void LogSlow(ILogger logger, int milliseconds);
}
