using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Two gateway processes on one Redis: what one learns about a key or a channel, the other acts on.</summary>
public sealed class SharedHealthTests
{
    private const string ChannelId = "ch_shared";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static void AssertServed(string answer) => Assert.True(answer == "200", answer);

    private static string KeyOf(RecordedRequest request) =>
        request.Headers.TryGetValue("x-api-key", out var key) ? key : request.Headers["Authorization"]["Bearer ".Length..];

    private static string Config(Uri upstream, params string[] keys)
    {
        var channel = TestConfigs.ClaudeChannel(upstream, keys);
        channel["id"] = ChannelId;
        return TestConfigs.Config(channel);
    }

    [Fact]
    public async Task A_key_rested_on_one_instance_is_skipped_by_another_on_its_next_request()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(request => KeyOf(request) == "sk-refused"
            ? AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key")
            : AnthropicFakes.Message("ok")));
        var config = Config(upstream.BaseUrl, "sk-refused", "sk-good");
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);

        AssertServed(await a.SendMessageAsync("first", Token));
        Assert.Equal(["sk-refused", "sk-good"], upstream.Requests.Select(KeyOf));

        await Eventually.HoldsAsync(async () => (string?)(await b.KeyHealthAsync(ChannelId, 0, Token))["state"] == "resting",
            "instance B shows the key A found refused as resting", Token);
        var seenByB = await b.KeyHealthAsync(ChannelId, 0, Token);
        Assert.Equal("key refused", (string?)seenByB["restReason"]);
        Assert.Contains("gw-a", (string?)seenByB["lastError"]!["message"], StringComparison.Ordinal);

        var before = upstream.Requests.Count;
        AssertServed(await b.SendMessageAsync("second", Token));
        Assert.Equal(["sk-good"], upstream.Requests.Skip(before).Select(KeyOf));
    }

    [Fact]
    public async Task Instances_started_while_Redis_is_down_serve_and_share_rests_once_it_comes_up()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await redis.KillAsync();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var refusing = false;
        upstream.SetDefault(FakeReply.Dynamic(request => Volatile.Read(ref refusing) && KeyOf(request) == "sk-first"
            ? AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key")
            : AnthropicFakes.Message("ok")));
        var config = Config(upstream.BaseUrl, "sk-first", "sk-second");
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url, ["LOG_LEVEL"] = "debug" };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);

        // Their first try to listen for the fleet's news has failed: that must neither stop them nor deafen them for good.
        await Eventually.HoldsAsync(() => Task.FromResult(new[] { a, b }.All(gateway =>
                gateway.Process.Output.Contains("Listening on claude-proxy:health once Redis answers", StringComparison.Ordinal))),
            "both instances have given up waiting for Redis to subscribe", Token);
        AssertServed(await a.SendMessageAsync("while Redis is down", Token));
        AssertServed(await b.SendMessageAsync("while Redis is down", Token));

        await redis.StartAgainAsync(Token);
        await FleetReady.ConnectedAsync(Token, a, b);
        Volatile.Write(ref refusing, true);
        var before = upstream.Requests.Count;
        AssertServed(await a.SendMessageAsync("after Redis came up", Token));
        Assert.Equal(["sk-first", "sk-second"], upstream.Requests.Skip(before).Select(KeyOf));

        await Eventually.HoldsAsync(async () => (string?)(await b.KeyHealthAsync(ChannelId, 0, Token))["state"] == "resting",
            "instance B hears of the rest A found", Token);
        Assert.False(a.Process.HasExited || b.Process.HasExited);
    }

    [Fact]
    public async Task An_instance_started_later_takes_in_the_rests_the_fleet_already_knows()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Dynamic(request => KeyOf(request) == "sk-spent"
            ? AnthropicFakes.Error(429, "rate_limit_error", "rate limited")
            : AnthropicFakes.Message("ok")));
        var config = Config(upstream.BaseUrl, "sk-spent", "sk-fresh");
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        AssertServed(await a.SendMessageAsync("first", Token));
        await Eventually.HoldsAsync(async () => (await redis.CommandAsync("DBSIZE", Token)) != ":0" &&
                (await redis.CommandAsync($"EXISTS claude-proxy:health:rest:{ChannelId}:{ClaudeProxy.Routing.Health.KeyFingerprint.Of("sk-spent")}", Token)) == ":1",
            "the rest is kept in Redis under the key's fingerprint", Token);
        Assert.Equal("$-1", await redis.CommandAsync($"GET claude-proxy:health:rest:{ChannelId}:sk-spent", Token));

        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await Eventually.HoldsAsync(async () => (string?)(await b.KeyHealthAsync(ChannelId, 0, Token))["state"] == "resting",
            "instance B, started after the rest, shows it", Token);
        var before = upstream.Requests.Count;
        AssertServed(await b.SendMessageAsync("second", Token));
        Assert.Equal(["sk-fresh"], upstream.Requests.Skip(before).Select(KeyOf));
    }

    [Fact]
    public async Task Requests_are_served_while_Redis_is_down_and_rests_are_shared_again_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var refused = "sk-good";
        upstream.SetDefault(FakeReply.Dynamic(request => KeyOf(request) == Volatile.Read(ref refused)
            ? AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key")
            : AnthropicFakes.Message("ok")));
        var config = Config(upstream.BaseUrl, "sk-one", "sk-two");
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        AssertServed(await a.SendMessageAsync("before", Token));

        await redis.KillAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).SendMessageAsync($"during {i}", Token)));
        Assert.All(statuses, AssertServed);
        await Eventually.HoldsAsync(() => Task.FromResult(a.Process.Output.Contains("is unreachable", StringComparison.Ordinal)),
            "instance A logs a warning that Redis is unreachable", Token);
        Assert.DoesNotContain("Unhandled", a.Process.Output, StringComparison.Ordinal);

        await redis.StartAgainAsync(Token);
        await Eventually.HoldsAsync(() => Task.FromResult(a.Process.Output.Contains("is back", StringComparison.Ordinal) &&
                b.Process.Output.Contains("is back", StringComparison.Ordinal)),
            "both instances log that Redis is back", Token, TimeSpan.FromSeconds(30));

        Volatile.Write(ref refused, "sk-one");
        AssertServed(await a.SendMessageAsync("after", Token));
        await Eventually.HoldsAsync(async () => (string?)(await b.KeyHealthAsync(ChannelId, 0, Token))["state"] == "resting",
            "instance B hears of A's rest again after the outage", Token);
        Assert.Equal(1, a.Process.Output.Split('\n').Count(line => line.Contains("is unreachable", StringComparison.Ordinal)));
    }
}
