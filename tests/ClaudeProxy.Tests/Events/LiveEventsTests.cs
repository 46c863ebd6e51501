using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability.Events;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Events;

/// <summary><c>/api/events</c>: what a live view hears, and that listening never costs a request anything.</summary>
public sealed class LiveEventsTests
{
    private const string KeyOne = "events-key-one-0123456789abcdef";
    private const string KeyTwo = "spare-key-two-9876543210fedcba";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body => """{"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private Task<TestGateway> StartAsync(FakeUpstream upstream, params string[] keys) =>
        TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, keys)), timeProvider: _time);

    private static async Task<HttpStatusCode> SendAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        await response.Content.ReadAsStringAsync(Token);
        return response.StatusCode;
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_listener_receives_each_finished_request_as_exactly_its_log_item()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(200, AnthropicFakes.MessageJson("hi", inputTokens: 12, outputTokens: 3), ("request-id", "req_live_1")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();
        await using var stream = await LiveStream.OpenAsync(gateway, "/api/events", Token);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var received = await stream.NextAsync("request", Token);
        using var logs = await client.GetAsync("/api/logs", Token);
        var item = JsonNode.Parse(await logs.Content.ReadAsStringAsync(Token))!["items"]![0]!;

        Assert.Equal("req_live_1", (string?)item["requestId"]);
        Assert.Equal(1, (long)item["id"]!);
        Assert.True(JsonNode.DeepEquals(item, JsonNode.Parse(received.Data)), $"event: {received.Data}\nlog item: {item.ToJsonString()}");
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("no-cache", stream.CacheControl);
        Assert.Equal("no", stream.AccelBuffering);
    }

    [Fact]
    public async Task A_listener_hears_a_key_rest_with_its_reason_and_end_and_the_key_only_masked()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(429, AnthropicFakes.ErrorJson("rate_limit_error", "slow down"), ("retry-after", "90")),
            AnthropicFakes.Message("from key two"));
        await using var gateway = await StartAsync(upstream, KeyOne, KeyTwo);
        using var client = gateway.CreateClient();
        await using var stream = await LiveStream.OpenAsync(gateway, "/api/events?types=health", Token);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var rested = JsonNode.Parse((await stream.NextAsync("health", Token)).Data)!;

        Assert.Equal("key_rested", (string?)rested["type"]);
        Assert.Equal(("anthropic", 0, "rate_limit", 429), ((string?)rested["channel"], (int)rested["keyIndex"]!, (string?)rested["reason"], (int)rested["status"]!));
        Assert.False(string.IsNullOrEmpty((string?)rested["channelId"]));
        Assert.Equal(Start, Time(rested["time"]));
        Assert.Equal(Start + TimeSpan.FromSeconds(90), Time(rested["until"]));
        Assert.DoesNotContain(KeyOne, rested.ToJsonString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)rested["key"]));
    }

    [Fact]
    public async Task A_listener_hears_the_circuit_open_turn_half_open_and_close_and_the_key_come_back()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue([.. Enumerable.Range(0, 4).Select(_ => AnthropicFakes.Error(500, "api_error", "upstream broke"))]);
        await using var gateway = await StartAsync(upstream, KeyOne);
        using var client = gateway.CreateClient();
        await using var stream = await LiveStream.OpenAsync(gateway, "/api/events?types=health", Token);

        for (var i = 0; i < 4; i++)
        {
            await SendAsync(client);
        }

        var beforeProbe = await stream.HealthUntilAsync("circuit_opened", Token);
        _time.Advance(TimeSpan.FromMinutes(1));
        upstream.Enqueue(AnthropicFakes.Message("probe answered"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var afterProbe = await stream.HealthUntilAsync("circuit_closed", Token);

        Assert.Equal(["key_rested", "key_rested", "key_rested", "key_rested", "circuit_opened"], beforeProbe.Select(e => (string?)e["type"]));
        Assert.Equal(Start + TimeSpan.FromSeconds(30), Time(beforeProbe[^1]["until"]));
        Assert.Null(beforeProbe[^1]["key"]);
        Assert.Equal(["circuit_half_open", "key_back", "circuit_closed"], afterProbe.Select(e => (string?)e["type"]));
        Assert.Equal(Start + TimeSpan.FromMinutes(1), Time(afterProbe[^1]["time"]));
    }

    [Fact]
    public async Task A_listener_that_never_reads_holds_up_no_request_and_loses_only_its_own_oldest_events()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue([.. Enumerable.Range(0, 5).Select(i => AnthropicFakes.Message($"answer {i}"))]);
        await using var gateway = await StartAsync(upstream, KeyOne);
        using var client = gateway.CreateClient();
        var hub = gateway.App.Services.GetRequiredService<EventHub>();
        using var stalled = hub.Subscribe(capacity: 2);
        using var reader = hub.Subscribe();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        }

        await gateway.App.Services.GetRequiredService<UsageWriter>().FlushAsync(recorded: 5).WaitAsync(Token);

        Assert.Equal(3, stalled.Dropped);
        Assert.Equal(0, reader.Dropped);
        List<long> kept = [];
        while (stalled.Reader.TryRead(out var next))
        {
            kept.Add((long)JsonNode.Parse(next.Data)!["id"]!);
        }

        Assert.Equal([4L, 5L], kept);
    }

    [Fact]
    public async Task The_stream_sends_a_ping_comment_on_each_heartbeat()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: _time);
        await using var stream = await LiveStream.OpenAsync(gateway, "/api/events", Token);

        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(": ping", await stream.NextLineAsync(Token));
    }

    [Fact]
    public async Task The_stream_ends_when_the_client_disconnects()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: _time);
        var hub = gateway.App.Services.GetRequiredService<EventHub>();
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.SubscriberCountChanged += count =>
        {
            if (count == 0)
            {
                left.TrySetResult();
            }
        };
        var stream = await LiveStream.OpenAsync(gateway, "/api/events", Token);
        Assert.Equal(1, hub.SubscriberCount);

        await stream.DisposeAsync();

        await left.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(0, hub.SubscriberCount);
    }

    [Fact]
    public async Task The_stream_ends_when_the_gateway_stops()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: _time);
        await using var stream = await LiveStream.OpenAsync(gateway, "/api/events", Token);

        var stopping = gateway.App.StopAsync(Token);
        var rest = await stream.ReadToEndAsync(Token);
        await stopping;

        Assert.DoesNotContain("event:", rest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("types=metrics")]
    [InlineData("types=")]
    public async Task Asking_for_an_unknown_event_type_is_refused_with_400(string query)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/api/events?{query}", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("types", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_needs_the_admin_key()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = "events-admin-key-0123456789abcdef" });
        using var proxy = gateway.CreateClient();

        using var response = await proxy.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
