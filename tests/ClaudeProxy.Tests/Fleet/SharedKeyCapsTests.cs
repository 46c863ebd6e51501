using System.Net;
using System.Text;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Fleet;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>
/// A channel's <c>maxConcurrency</c> and <c>rpm</c> hold for the fleet, not for each instance: gateway processes on one
/// Redis take a capped key's slots from one shared count, observed as what the upstream is sent.
/// </summary>
public sealed class SharedKeyCapsTests
{
    private const string ChannelId = "ch_capped";
    private const string KeyOne = "sk-ant-api03-fleet-capped-key-one-01234";
    private const string KeyTwo = "sk-ant-api03-fleet-capped-key-two-56789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Config(Uri upstream, string cap, int value, params string[] keys)
    {
        var channel = TestConfigs.ClaudeChannel(upstream, keys);
        channel["id"] = ChannelId;
        channel[cap] = value;
        return TestConfigs.Config(channel);
    }

    private static async Task<HttpResponseMessage> StreamAsync(FleetGateway gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(
                """{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        return await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
    }

    private static string[] KeysSent(FakeUpstream upstream) => [.. upstream.Requests.Select(r => r.Headers["x-api-key"])];

    [Fact]
    public async Task A_maxConcurrency_1_key_is_never_used_twice_at_once_across_instances()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.SetDefault(FakeReply.Stream(AnthropicFakes.HeldTextStream(gate.Task)));
        var config = Config(upstream.BaseUrl, "maxConcurrency", 1, KeyOne, KeyTwo);
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        // Twelve streams at once over both instances: the fleet has two slots (two keys, one each), held until the gate opens.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => StreamAsync(i % 2 == 0 ? a : b)));
        try
        {
            var held = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToArray();
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
            Assert.Equal(2, held.Length);
            Assert.Equal(10, refused.Length);
            Assert.Equal([KeyOne, KeyTwo], KeysSent(upstream).Order(StringComparer.Ordinal));
            foreach (var response in refused)
            {
                Assert.Contains("maxConcurrency", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            }

            gate.SetResult();
            foreach (var response in held)
            {
                Assert.Contains("message_stop", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            }
        }
        finally
        {
            gate.TrySetResult();
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        // The ended streams gave their slots back to the fleet: each instance is served again.
        await Eventually.HoldsAsync(async () =>
        {
            using var again = await StreamAsync(b);
            return again.StatusCode == HttpStatusCode.OK;
        }, "instance B is served once A's and its own streams ended", Token);
        using var fromA = await StreamAsync(a);
        Assert.Equal(HttpStatusCode.OK, fromA.StatusCode);
    }

    [Fact]
    public async Task A_slot_held_by_an_instance_that_died_frees_itself_and_the_key_serves_again()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.HeldTextStream(gate.Task)));
        upstream.SetDefault(AnthropicFakes.Message("served"));
        var config = Config(upstream.BaseUrl, "maxConcurrency", 1, KeyOne);
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        using (var holding = await StreamAsync(a))
        {
            Assert.Equal(HttpStatusCode.OK, holding.StatusCode);
            Assert.Equal("429", (await b.SendMessageAsync("while A holds the slot", Token))[..3]);

            await a.Process.SignalAsync("KILL", Token);
            await a.Process.WaitForExitAsync(Token);
        }

        gate.SetResult();
        Assert.Single(upstream.Requests);

        // A never gives the slot back; it expires within the slot lifetime, and B's requests use the key again.
        await Eventually.HoldsAsync(async () => await b.SendMessageAsync("after A died", Token) == "200",
            "the dead instance's slot expires and B is served", Token, limit: SharedKeyCaps.SlotLifetime * 2);
        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task The_rpm_of_a_key_counts_the_starts_of_every_instance()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("served"));
        var config = Config(upstream.BaseUrl, "rpm", 3, KeyOne);
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        var answers = new List<string>();
        foreach (var gateway in new[] { a, b, a, b, a })
        {
            answers.Add((await gateway.SendMessageAsync("counted", Token))[..3]);
        }

        Assert.Equal(["200", "200", "200", "429", "429"], answers);
        Assert.Equal(3, upstream.Requests.Count);
    }

    [Fact]
    public async Task With_Redis_down_each_instance_keeps_to_the_caps_by_its_own_count_and_requests_are_served()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("served"));
        var config = Config(upstream.BaseUrl, "maxConcurrency", 1, KeyOne);
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a);
        Assert.Equal("200", await a.SendMessageAsync("with Redis", Token));

        await redis.KillAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(a.Process.Output.Contains("is unreachable", StringComparison.Ordinal)),
            "instance A notices Redis is gone", Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.HeldTextStream(gate.Task)));
        using (var holding = await StreamAsync(a))
        {
            Assert.Equal(HttpStatusCode.OK, holding.StatusCode);
            Assert.Equal("429", (await a.SendMessageAsync("the local count is at the cap", Token))[..3]);
            gate.SetResult();
            Assert.Contains("message_stop", await holding.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        Assert.Equal("200", await a.SendMessageAsync("the slot is free again", Token));
        Assert.Equal(3, upstream.Requests.Count);
        Assert.DoesNotContain("Unhandled", a.Process.Output, StringComparison.Ordinal);
    }
}
