using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>
/// A fleet for one test: a Redis of its own, a fake Anthropic upstream answering as <see cref="Answers"/> says, and
/// gateways gw-a, gw-b… started on one config (one channel, <see cref="ChannelId"/>, with the given keys) and connected
/// to the Redis before the test gets them.
/// </summary>
public sealed class TestFleet : IAsyncDisposable
{
    public const string ChannelId = "ch_fleet";

    private readonly List<FleetGateway> _gateways = [];

    private TestFleet(RedisServer redis, FakeUpstream upstream)
    {
        Redis = redis;
        Upstream = upstream;
        Upstream.SetDefault(Answers.Reply);
    }

    public RedisServer Redis { get; }

    public FakeUpstream Upstream { get; }

    public FleetAnswers Answers { get; } = new();

    public IReadOnlyList<FleetGateway> Gateways => _gateways;

    public FleetGateway A => _gateways[0];

    public FleetGateway B => _gateways[1];

    public FleetGateway C => _gateways[2];

    /// <param name="instances">How many gateways: gw-a, gw-b, …</param>
    /// <param name="keys">The channel's keys, in the order failover tries them.</param>
    /// <param name="environment">Variables every gateway gets besides REDIS_URL (e.g. USAGE_DB_URL).</param>
    /// <param name="cancellationToken">The test's token.</param>
    public static async Task<TestFleet> StartAsync(int instances, string[] keys, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var redis = await RedisServer.StartAsync(cancellationToken);
        FakeUpstream upstream;
        try
        {
            upstream = await FakeUpstream.StartAsync(cancellationToken);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }

        var fleet = new TestFleet(redis, upstream);
        try
        {
            var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, keys);
            channel["id"] = ChannelId;
            var config = TestConfigs.Config(channel);
            var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["REDIS_URL"] = redis.Url };
            for (var i = 0; i < instances; i++)
            {
                fleet._gateways.Add(await FleetGateway.StartAsync($"gw-{(char)('a' + i)}", config, variables, cancellationToken));
            }

            await FleetReady.ConnectedAsync(cancellationToken, [.. fleet._gateways]);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The ids <c>/api/cluster</c> on <paramref name="gateway"/> lists, in order.</summary>
    public static async Task<string[]> ClusterAsync(FleetGateway gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return [.. (await gateway.GetJsonAsync("/api/cluster", cancellationToken))["instances"]!.AsArray().Select(i => (string)i!["id"]!)];
    }

    /// <summary>The state of the channel's key at <paramref name="index"/> on <paramref name="gateway"/> ("resting", …).</summary>
    public static async Task<string?> KeyStateAsync(FleetGateway gateway, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        JsonNode key = await gateway.KeyHealthAsync(ChannelId, index, cancellationToken);
        return (string?)key["state"];
    }

    /// <summary>The keys of the upstream requests that arrived after the first <paramref name="skip"/>.</summary>
    public string[] KeysSince(int skip) => [.. Upstream.Requests.Skip(skip).Select(FleetAnswers.KeyOf)];

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
