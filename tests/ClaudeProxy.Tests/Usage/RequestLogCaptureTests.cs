using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// Real traffic through the fakes ends up in the request log as the client saw it: the request id it
/// received, the channel and masked key that served it, the tokens it was told about, every attempt.
/// </summary>
public sealed class RequestLogCaptureTests
{
    private const string KeyOne = "capture-key-one-0123456789";
    private const string KeyTwo = "capture-key-two-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_relayed_message_is_logged_with_its_tokens_channel_masked_key_and_the_request_id_the_client_got()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(200, AnthropicFakes.MessageJson("hi", inputTokens: 21, outputTokens: 8), ("request-id", "req_upstream_77")));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne);
        channel["modelMapping"] = new JsonObject { ["sonnet"] = "claude-sonnet-4-5" };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("sonnet", stream: false)), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("req_upstream_77", response.Headers.GetValues("request-id").Single());
        Assert.Equal("req_upstream_77", (string?)item["requestId"]);
        Assert.Equal("/v1/messages", (string?)item["path"]);
        Assert.Equal("sonnet", (string?)item["model"]);
        Assert.Equal("claude-sonnet-4-5", (string?)item["mappedModel"]);
        Assert.Equal("anthropic", (string?)item["channel"]);
        Assert.Equal("claude", (string?)item["serviceType"]);
        Assert.Equal(200, (int)item["status"]!);
        Assert.Equal(21, (long)item["inputTokens"]!);
        Assert.Equal(8, (long)item["outputTokens"]!);
        Assert.False((bool)item["stream"]!);
        Assert.Null(item["errorType"]);
        var key = (string?)item["key"];
        Assert.NotNull(key);
        Assert.DoesNotContain(KeyOne, key, StringComparison.Ordinal);
        Assert.Single(item["attempts"]!.AsArray());
        // Priced by the mapped model at Anthropic's list price: $3 in, $15 out per million tokens.
        Assert.Equal((21 * 3 + 8 * 15) / 1_000_000.0, (double)item["costUsd"]!, 12);

        // The request's log line says the same, once the request is completely done.
        await gateway.App.StopAsync(Token);
        var line = Assert.Single(gateway.Logs.Lines, l => l.Contains("POST /v1/messages 200", StringComparison.Ordinal));
        Assert.Contains("sonnet → anthropic/claude-sonnet-4-5", line, StringComparison.Ordinal);
        Assert.Contains("tokens in 21 out 8 cache read 0 written 0 $0.000183 attempts 1 [req_upstream_77]", line, StringComparison.Ordinal);
        Assert.Contains($"key {(string?)item["key"]}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relayed_stream_is_logged_with_the_usage_of_its_start_and_delta_events()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m", inputTokens: 30))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "streamed"))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.MessageDeltaEvent(outputTokens: 17))
            .Event(AnthropicFakes.MessageStopEvent())));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", stream: true)), Token);
        await response.Content.ReadAsStringAsync(Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.True((bool)item["stream"]!);
        Assert.Equal(30, (long)item["inputTokens"]!);
        Assert.Equal(17, (long)item["outputTokens"]!);
        Assert.NotNull(item["ttfbMs"]);
    }

    [Fact]
    public async Task A_translated_stream_is_logged_with_the_usage_the_upstream_reported_and_carries_the_gateway_request_id()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Data(OpenAIFakes.RoleChunk())
            .Data(OpenAIFakes.TextChunk("translated"))
            .Data(OpenAIFakes.FinishChunk("stop"))
            .Data(OpenAIFakes.UsageChunk(promptTokens: 50, completionTokens: 9, cachedTokens: 40))
            .Done()));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("relay", "openai", upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", stream: true)), Token);
        await response.Content.ReadAsStringAsync(Token);
        var item = await gateway.SingleLogItemAsync(client);

        var requestId = response.Headers.GetValues("request-id").Single();
        Assert.StartsWith("req_", requestId, StringComparison.Ordinal);
        Assert.Equal(requestId, (string?)item["requestId"]);
        Assert.Equal("openai", (string?)item["serviceType"]);
        Assert.Equal(10, (long)item["inputTokens"]!);
        Assert.Equal(40, (long)item["cacheReadTokens"]!);
        Assert.Equal(9, (long)item["outputTokens"]!);
        Assert.Null(item["costUsd"]);
    }

    [Fact]
    public async Task A_failover_is_logged_as_one_request_with_both_attempts_and_the_first_ones_error()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(429, "rate_limit_error", "slow down"), AnthropicFakes.Message("second"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", stream: false)), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = item["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(429, (int)attempts[0]!["status"]!);
        Assert.Equal("rate_limit_error", (string?)attempts[0]!["errorType"]);
        Assert.Equal(200, (int)attempts[1]!["status"]!);
        Assert.Null(attempts[1]!["errorType"]);
        Assert.Equal((string?)attempts[1]!["key"], (string?)item["key"]);
    }

    [Fact]
    public async Task A_request_every_key_failed_is_logged_with_the_status_error_type_and_redacted_message_the_client_got()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Error(401, "authentication_error", $"invalid x-api-key {KeyOne}"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", stream: false)), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (int)item["status"]!);
        Assert.Equal("authentication_error", (string?)item["errorType"]);
        Assert.Contains("invalid x-api-key", (string?)item["errorMessage"], StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, item.ToJsonString(), StringComparison.Ordinal);
        await gateway.App.StopAsync(Token);
        var line = Assert.Single(gateway.Logs.Lines, l => l.Contains("POST /v1/messages 401", StringComparison.Ordinal));
        Assert.Contains("no usage attempts 1", line, StringComparison.Ordinal);
    }

    private static string Body(string model, bool stream) =>
        $$"""{"model":"{{model}}","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

}
