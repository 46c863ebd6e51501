using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>What the instances of a fleet share: one Redis and one PostgreSQL usage database.</summary>
internal sealed class FleetBackends(RedisServer redis, PostgresCluster postgres) : IAsyncDisposable
{
    public RedisServer Redis { get; } = redis;

    public PostgresCluster Postgres { get; } = postgres;

    /// <summary>Starts the bench's own Redis and PostgreSQL, or takes the given ones (a given Redis is emptied first: it holds the fleet's config).</summary>
    public static async Task<FleetBackends> StartAsync(BenchPaths paths, string? redisUrl, string? usageDbUrl, CancellationToken ct)
    {
        RedisServer? redis = null;
        try
        {
            if (redisUrl is null)
            {
                redis = await RedisServer.StartAsync(paths, ct);
            }
            else
            {
                redis = RedisServer.Given(redisUrl);
                await redis.CommandAsync("FLUSHDB", ct);
            }

            var postgres = usageDbUrl is null ? await PostgresCluster.StartAsync(ct) : PostgresCluster.Given(usageDbUrl);
            return new FleetBackends(redis, postgres);
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The environment that makes a gateway an instance of this fleet.</summary>
    public Dictionary<string, string> Environment(string instanceId) => new()
    {
        ["REDIS_URL"] = Redis.Url,
        ["USAGE_DB_URL"] = Postgres.Url,
        ["INSTANCE_ID"] = instanceId,
    };

    /// <summary>The processes serving the fleet besides the gateways (when the bench runs them), for their CPU time.</summary>
    public IReadOnlyList<int> Pids() => [.. Redis.Pid is { } pid ? [pid] : Array.Empty<int>(), .. Postgres.Pids()];

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
