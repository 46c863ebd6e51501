using System.Net;
using System.Text;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Failed key checks count across the fleet: guesses spread over instances lock the address out on all of them.</summary>
public sealed class SharedLockoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> WrongKeyAsync(FleetGateway gateway)
    {
        using var client = new HttpClient { BaseAddress = gateway.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", "not-the-fleet-key-0123456789");
        using var content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v1/messages", UriKind.Relative), content, Token);
        return response.StatusCode;
    }

    [Fact]
    public async Task Wrong_keys_sent_to_several_instances_lock_the_address_out_on_all_of_them()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        var config = TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url, ["AUTH_FAILURE_LIMIT"] = "3" };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await using var c = await FleetGateway.StartAsync("gw-c", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b, c);

        // Three failures in all, none of the instances seeing three itself.
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongKeyAsync(a));
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongKeyAsync(a));
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongKeyAsync(b));

        foreach (var gateway in new[] { a, b, c })
        {
            await Eventually.HoldsAsync(() => Task.FromResult(gateway.Process.Output.Contains("Client address 127.0.0.1 is locked out", StringComparison.Ordinal)),
                $"instance {gateway.Id} locks the address out", Token);
        }

        // One more guess anywhere, even where none was counted before, is refused as locked out.
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongKeyAsync(a));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongKeyAsync(b));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongKeyAsync(c));
        Assert.Equal("200", await c.SendMessageAsync("the right key still gets through", Token));
    }
}
