using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>
/// A key whose answer says it has nothing left rests until the reset the upstream names, before the next
/// request spends a 429 on it; observed as the exact sequence of upstream calls, on a fake clock.
/// </summary>
public sealed class LearnedLimitRoutingTests
{
    private const string KeyOne = "sk-ant-api03-learned-key-one-0123456789";
    private const string KeyTwo = "sk-ant-api03-learned-key-two-9876543210";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body(bool stream = false) =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":16,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static FakeReply Spent(string text) => FakeReply.Json(200, AnthropicFakes.MessageJson(text),
        ("anthropic-ratelimit-requests-limit", "50"),
        ("anthropic-ratelimit-requests-remaining", "0"),
        ("anthropic-ratelimit-requests-reset", Rfc3339(Start.AddSeconds(30))));

    private Task<TestGateway> StartAsync(JsonObject channel) => TestGateway.StartAsync(TestConfigs.Config(channel), timeProvider: _time);

    private static async Task<(HttpStatusCode Status, string Text, bool Retried)> SendAsync(HttpClient client, string? body = null)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body ?? Body()), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (response.StatusCode, text, response.Headers.Contains("x-claude-proxy-attempts"));
    }

    [Fact]
    public async Task A_200_saying_the_key_has_no_requests_left_is_delivered_and_the_next_request_goes_straight_to_the_next_key_until_the_reset()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(Spent("last one on key one"), AnthropicFakes.Message("from key two"), AnthropicFakes.Message("key one again"));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        var first = await SendAsync(client);
        var second = await SendAsync(client);
        _time.Advance(TimeSpan.FromSeconds(30));
        var third = await SendAsync(client);

        Assert.Equal((HttpStatusCode.OK, false), (first.Status, first.Retried));
        Assert.Contains("last one on key one", first.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, false), (second.Status, second.Retried));
        Assert.Contains("from key two", second.Text, StringComparison.Ordinal);
        Assert.Contains("key one again", third.Text, StringComparison.Ordinal);
        Assert.Equal([KeyOne, KeyTwo, KeyOne], upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task A_stream_saying_the_key_has_no_tokens_left_rests_it_too()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Stream(AnthropicFakes.TextStream("claude-sonnet-4-5", "streamed"), headers:
            [
                ("anthropic-ratelimit-output-tokens-remaining", "0"),
                ("anthropic-ratelimit-output-tokens-reset", Rfc3339(Start.AddSeconds(20))),
            ]),
            AnthropicFakes.Message("from key two"));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        var streamed = await SendAsync(client, Body(stream: true));
        var next = await SendAsync(client);

        Assert.Contains("streamed", streamed.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, false), (next.Status, next.Retried));
        Assert.Equal([KeyOne, KeyTwo], upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task An_openai_200_saying_the_key_has_no_requests_left_rests_it_for_the_reset_duration()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(200, OpenAIFakes.ChatCompletionJson("last one on key one"),
                ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "30s")),
            OpenAIFakes.ChatCompletion("from key two"),
            OpenAIFakes.ChatCompletion("key one again"));
        await using var gateway = await StartAsync(TestConfigs.Channel("relay", "openai", upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        var first = await SendAsync(client);
        var second = await SendAsync(client);
        _time.Advance(TimeSpan.FromSeconds(30));
        var third = await SendAsync(client);

        Assert.Contains("last one on key one", first.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, false), (second.Status, second.Retried));
        Assert.Contains("from key two", second.Text, StringComparison.Ordinal);
        Assert.Contains("key one again", third.Text, StringComparison.Ordinal);
        Assert.Equal([$"Bearer {KeyOne}", $"Bearer {KeyTwo}", $"Bearer {KeyOne}"], upstream.Requests.Select(r => r.Headers["authorization"]));
    }

    [Fact]
    public async Task Requests_left_change_nothing()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(FakeReply.Json(200, AnthropicFakes.MessageJson("ok"),
            ("anthropic-ratelimit-requests-remaining", "1"),
            ("anthropic-ratelimit-requests-reset", Rfc3339(Start.AddSeconds(30))),
            ("anthropic-ratelimit-tokens-remaining", "12000"),
            ("anthropic-ratelimit-tokens-reset", Rfc3339(Start.AddSeconds(30)))));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client)).Status);
        }

        Assert.Equal([KeyOne, KeyOne, KeyOne], upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task A_token_count_answer_teaches_nothing_about_the_messages_limits()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(200, """{"input_tokens":5}""",
                ("anthropic-ratelimit-requests-remaining", "0"),
                ("anthropic-ratelimit-requests-reset", Rfc3339(Start.AddSeconds(30)))),
            AnthropicFakes.Message("still key one"));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        using (var counted = await client.PostAsync("/v1/messages/count_tokens", TestGateway.Json(Body()), Token))
        {
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        }

        await SendAsync(client);

        Assert.Equal([KeyOne, KeyOne], upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task A_429_with_an_exhausted_limit_rests_the_key_until_the_reset_it_names()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(429, AnthropicFakes.ErrorJson("rate_limit_error", "slow down"),
                ("anthropic-ratelimit-tokens-remaining", "0"),
                ("anthropic-ratelimit-tokens-reset", Rfc3339(Start.AddMinutes(5)))),
            AnthropicFakes.Message("from key two"));
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo));
        using var client = gateway.CreateClient();

        await SendAsync(client);
        _time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(client);
        _time.Advance(TimeSpan.FromMinutes(4));
        await SendAsync(client);

        // Without the headers the 429 alone would rest key one for 20 s only.
        Assert.Equal([KeyOne, KeyTwo, KeyTwo, KeyOne], upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }
}
