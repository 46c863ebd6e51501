using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Metrics;

/// <summary>Scripted traffic through the fakes, then <c>GET /metrics</c>: the exact series a scraper gets.</summary>
public sealed class MetricsTrafficTests
{
    private const string KeyOne = "metrics-key-one-0123456789";
    private const string KeyTwo = "metrics-key-two-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_requests_by_channel_requested_model_and_status_class()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("one"), AnthropicFakes.Message("two"), AnthropicFakes.Error(400, "invalid_request_error", "bad"));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne);
        channel["modelMapping"] = new JsonObject { ["sonnet"] = "claude-sonnet-4-5" };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        await PostAsync(client, "sonnet");
        await PostAsync(client, "sonnet");
        await PostAsync(client, "haiku");
        var metrics = await ScrapeAsync(gateway, client, recorded: 3);

        Assert.Equal(2, metrics.Sample("claude_proxy_requests_total", ("channel", "anthropic"), ("model", "sonnet"), ("status_class", "2xx")));
        Assert.Equal(1, metrics.Sample("claude_proxy_requests_total", ("channel", "anthropic"), ("model", "haiku"), ("status_class", "4xx")));
        Assert.Null(metrics.Value("claude_proxy_requests_total", ("channel", "anthropic"), ("model", "claude-sonnet-4-5"), ("status_class", "2xx")));
        Assert.Equal(3, metrics.Sample("claude_proxy_request_duration_seconds_count", ("channel", "anthropic")));
        Assert.Equal(3, metrics.Sample("claude_proxy_request_duration_seconds_bucket", ("channel", "anthropic"), ("le", "+Inf")));
        // Only an answer has a first byte; the refused request has none.
        Assert.Equal(2, metrics.Sample("claude_proxy_time_to_first_byte_seconds_count", ("channel", "anthropic")));
    }

    [Fact]
    public async Task Metrics_count_tokens_per_kind_and_the_cost_per_channel_and_requested_model()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(200, MessageWithCache(input: 21, output: 8, cacheRead: 100, cacheCreation: 40)));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne);
        channel["modelMapping"] = new JsonObject { ["sonnet"] = "claude-sonnet-4-5" };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        await PostAsync(client, "sonnet");
        var metrics = await ScrapeAsync(gateway, client, recorded: 1);

        (string, string)[] labels(string kind) => [("channel", "anthropic"), ("kind", kind), ("model", "sonnet")];
        Assert.Equal(21, metrics.Sample("claude_proxy_tokens_total", labels("input")));
        Assert.Equal(8, metrics.Sample("claude_proxy_tokens_total", labels("output")));
        Assert.Equal(100, metrics.Sample("claude_proxy_tokens_total", labels("cache_read")));
        Assert.Equal(40, metrics.Sample("claude_proxy_tokens_total", labels("cache_creation")));

        // Anthropic's list price of the mapped model: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
        var expected = (21 * 3 + 8 * 15 + 100 * 0.3 + 40 * 3.75) / 1_000_000;
        Assert.Equal(expected, metrics.Sample("claude_proxy_cost_usd_total", ("channel", "anthropic"), ("model", "sonnet")), 12);
    }

    [Fact]
    public async Task A_failover_counts_one_request_an_attempt_per_outcome_and_leaves_the_rate_limited_key_resting()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(429, "rate_limit_error", "slow down"), AnthropicFakes.Message("second"));
        // Frozen time: the 429 key's rest cannot end before the scrape.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo)), timeProvider: time);
        using var client = gateway.CreateClient();

        await PostAsync(client, "m");
        var metrics = await ScrapeAsync(gateway, client, recorded: 1);

        Assert.Equal(1, metrics.Sample("claude_proxy_requests_total", ("channel", "anthropic"), ("model", "m"), ("status_class", "2xx")));
        Assert.Equal(1, metrics.Sample("claude_proxy_upstream_attempts_total", ("channel", "anthropic"), ("outcome", "rate_limit")));
        Assert.Equal(1, metrics.Sample("claude_proxy_upstream_attempts_total", ("channel", "anthropic"), ("outcome", "success")));
        Assert.Equal(1, metrics.Sample("claude_proxy_keys_resting", ("channel", "anthropic")));

        // The rest ends with time; the gauge is read at each scrape.
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, (await ScrapeAsync(gateway, client, recorded: 1)).Sample("claude_proxy_keys_resting", ("channel", "anthropic")));
    }

    [Fact]
    public async Task Active_streams_count_an_open_stream_and_go_back_to_zero_when_it_ends()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m", inputTokens: 30))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .WaitFor(release.Task)
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "streamed"))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.MessageDeltaEvent(outputTokens: 17))
            .Event(AnthropicFakes.MessageStopEvent())));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body("m", stream: true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var during = await ScrapeAsync(gateway, client, recorded: 0);
        release.SetResult();
        await response.Content.ReadAsStringAsync(Token);
        var after = await ScrapeAsync(gateway, client, recorded: 1);

        Assert.Equal(1, during.Sample("claude_proxy_active_streams"));
        Assert.Equal(0, after.Sample("claude_proxy_active_streams"));
        Assert.Equal(1, after.Sample("claude_proxy_requests_total", ("channel", "anthropic"), ("model", "m"), ("status_class", "2xx")));
        Assert.Equal(17, after.Sample("claude_proxy_tokens_total", ("channel", "anthropic"), ("kind", "output"), ("model", "m")));
    }

    [Fact]
    public async Task A_stream_holding_the_only_slot_of_a_capped_key_shows_one_attempt_in_flight_and_one_key_capped_until_it_ends()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m", inputTokens: 30))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .WaitFor(release.Task)
            .Event(AnthropicFakes.TextDeltaEvent(0, "streamed"))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.MessageDeltaEvent(outputTokens: 17))
            .Event(AnthropicFakes.MessageStopEvent())));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo);
        channel["maxConcurrency"] = 1;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body("m", stream: true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var during = await ScrapeAsync(gateway, client, recorded: 0);
        release.SetResult();
        await response.Content.ReadAsStringAsync(Token);
        var after = await ScrapeAsync(gateway, client, recorded: 1);

        Assert.Equal(1, during.Sample("claude_proxy_upstream_in_flight", ("channel", "anthropic")));
        Assert.Equal(1, during.Sample("claude_proxy_keys_capped", ("channel", "anthropic")));
        Assert.Equal(0, after.Sample("claude_proxy_upstream_in_flight", ("channel", "anthropic")));
        Assert.Equal(0, after.Sample("claude_proxy_keys_capped", ("channel", "anthropic")));
    }

    [Fact]
    public async Task Request_log_entries_dropped_from_a_full_queue_are_counted()
    {
        await using var gateway = await TestGateway.StartAsync(usageQueueCapacity: 1);
        using var client = gateway.CreateClient();
        var recorder = gateway.App.Services.GetRequiredService<IUsageRecorder>();

        // A burst far faster than the writer stores rows: a queue of one must drop some.
        for (var i = 0; i < 500; i++)
        {
            recorder.Record(new RequestLogEntry { RequestId = $"req_{i}", Path = "/v1/messages", Status = 200 });
        }

        var metrics = await ScrapeAsync(gateway, client, recorded: 500);

        Assert.True(recorder.Dropped > 0, "nothing was dropped");
        Assert.Equal(recorder.Dropped, metrics.Sample("claude_proxy_log_entries_dropped_total"));
    }

    [Fact]
    public async Task A_request_no_channel_could_serve_is_counted_under_channel_none()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config());
        using var client = gateway.CreateClient();

        await PostAsync(client, "m");
        var metrics = await ScrapeAsync(gateway, client, recorded: 1);

        Assert.Equal(1, metrics.Sample("claude_proxy_requests_total", ("channel", "none"), ("model", "m"), ("status_class", "5xx")));
        Assert.False(metrics.Has("claude_proxy_upstream_attempts_total"));
    }

    [Fact]
    public async Task A_request_refused_before_routing_is_counted_as_a_4xx_under_channel_none()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config());
        using var client = gateway.CreateClient();

        using var notJson = await client.PostAsync("/v1/messages", TestGateway.Json("{not json"), Token);
        using var noModel = await client.PostAsync("/v1/messages", TestGateway.Json("""{"max_tokens":5}"""), Token);
        var metrics = await ScrapeAsync(gateway, client, recorded: 2);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noModel.StatusCode);
        Assert.Equal(2, metrics.Sample("claude_proxy_requests_total", ("channel", "none"), ("model", "unknown"), ("status_class", "4xx")));
    }

    internal static string Body(string model, bool stream) =>
        $$"""{"model":"{{model}}","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    internal static async Task PostAsync(HttpClient client, string model)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body(model, stream: false)), Token);
        await response.Content.ReadAsStringAsync(Token);
    }

    /// <summary>Scrapes once the first <paramref name="recorded"/> requests are finished: each one's metrics are in before its log entry is queued.</summary>
    internal static async Task<PrometheusText> ScrapeAsync(TestGateway gateway, HttpClient client, long recorded)
    {
        await gateway.UsageFlushedAsync(recorded);
        using var response = await client.GetAsync("/metrics", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PrometheusText(await response.Content.ReadAsStringAsync(Token));
    }

    private static string MessageWithCache(int input, int output, int cacheRead, int cacheCreation) => new JsonObject
    {
        ["id"] = "msg_cache",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-sonnet-4-5",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "cached" }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = input,
            ["output_tokens"] = output,
            ["cache_read_input_tokens"] = cacheRead,
            ["cache_creation_input_tokens"] = cacheCreation,
        },
    }.ToJsonString();
}
