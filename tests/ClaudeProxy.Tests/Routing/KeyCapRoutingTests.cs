using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>
/// A channel's <c>maxConcurrency</c> and <c>rpm</c> caps per key: a key at its cap is skipped like a resting
/// one, observed as the exact sequence of keys the upstream sees, on a fake clock.
/// </summary>
public sealed class KeyCapRoutingTests
{
    private const string KeyOne = "sk-ant-api03-capped-key-one-0123456789";
    private const string KeyTwo = "sk-ant-api03-capped-key-two-9876543210";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body(bool stream = false) =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":16,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    private static JsonObject Channel(FakeUpstream upstream, string cap, int value, params string[] keys)
    {
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, keys);
        channel[cap] = value;
        return channel;
    }

    private static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private static string[] Keys(FakeUpstream upstream) => [.. upstream.Requests.Select(r => r.Headers["x-api-key"])];

    [Fact]
    public async Task While_a_stream_holds_the_only_slot_of_key_one_the_next_request_goes_to_key_two_and_key_one_is_back_once_it_ends()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.HeldTextStream(gate.Task)), AnthropicFakes.Message("from key two"), AnthropicFakes.Message("key one again"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel(upstream, "maxConcurrency", 1, KeyOne, KeyTwo)), timeProvider: _time);
        using var client = gateway.CreateClient();
        var limits = gateway.App.Services.GetRequiredService<KeyLimiter>();
        var config = gateway.ConfigStore.Current.Upstream[0];

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body(stream: true)) };
        using var streaming = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await streaming.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal((1, KeyLimiter.ConcurrencyCap), limits.Usage(config, KeyOne));

        var second = await SendAsync(client);

        gate.SetResult();
        var rest = await reader.ReadToEndAsync(Token);
        Assert.Equal((0, (string?)null), limits.Usage(config, KeyOne));
        var third = await SendAsync(client);

        Assert.Contains(rest, e => e.Event == "message_stop");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("from key two", second.Text, StringComparison.Ordinal);
        Assert.Contains("key one again", third.Text, StringComparison.Ordinal);
        Assert.Equal([KeyOne, KeyTwo, KeyOne], Keys(upstream));
    }

    [Fact]
    public async Task The_health_api_shows_a_capped_key_with_its_requests_in_flight()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(AnthropicFakes.HeldTextStream(gate.Task)));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel(upstream, "maxConcurrency", 1, KeyOne, KeyTwo)), timeProvider: _time);
        using var client = gateway.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body(stream: true)) };
        using var streaming = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await streaming.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        var health = JsonNode.Parse(await client.GetStringAsync("/api/health", Token))!;
        gate.SetResult();
        await reader.ReadToEndAsync(Token);

        var keys = health["channels"]![0]!["keys"]!.AsArray();
        Assert.Equal((1, true, "maxConcurrency"), ((int)keys[0]!["inFlight"]!, (bool)keys[0]!["capped"]!, (string?)keys[0]!["cappedBy"]));
        Assert.Equal((0, false), ((int)keys[1]!["inFlight"]!, (bool)keys[1]!["capped"]!));
        Assert.DoesNotContain(KeyOne, health.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_rpm_2_the_third_request_in_a_minute_goes_to_key_two_and_key_one_is_back_a_minute_later()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel(upstream, "rpm", 2, KeyOne, KeyTwo)), timeProvider: _time);
        using var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client)).Status);
        }

        _time.Advance(TimeSpan.FromSeconds(60));
        await SendAsync(client);

        Assert.Equal([KeyOne, KeyOne, KeyTwo, KeyOne], Keys(upstream));
    }

    [Fact]
    public async Task A_capped_key_is_no_last_resort_the_request_fails_over_to_the_next_channel_or_gets_a_429()
    {
        await using var capped = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        capped.SetDefault(AnthropicFakes.Message("capped"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        var backupChannel = TestConfigs.Channel("backup", "claude", backup.BaseUrl, KeyTwo);
        backupChannel["rpm"] = 1;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel(capped, "rpm", 1, KeyOne), backupChannel), timeProvider: _time);
        using var client = gateway.CreateClient();

        var first = await SendAsync(client);
        var second = await SendAsync(client);
        var third = await SendAsync(client);

        Assert.Contains("capped", first.Text, StringComparison.Ordinal);
        Assert.Contains("from backup", second.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("rate_limit_error", third.Text, StringComparison.Ordinal);
        Assert.Single(capped.Requests);
        Assert.Single(backup.Requests);
    }
}
