using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>What a <c>claude</c> channel forwards and relays, checked byte by byte and header by header.</summary>
public sealed class PassthroughFidelityTests
{
    private const string ClaudeCodeLikeBody = """
        {"model":"claude-sonnet-4-5","max_tokens":32000,"stream":false,
         "thinking":{"type":"adaptive"},"output_config":{"effort":"high"},
         "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
         "metadata":{"user_id":"{\"device_id\":\"abc\",\"session_id\":\"s-1\"}"},
         "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":[{"type":"text","text":"héllo ✓","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
                     {"role":"system","content":"mid-conversation note"}],
         "tools":[{"name":"Grep","input_schema":{"type":"object","properties":{"-A":{"type":"number"},"title":{"type":"string"}}}}],
         "some_future_field":{"nested":[1,2.50,"x"],"flag":true}}
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Body_without_mapping_reaches_the_upstream_byte_for_byte()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(ClaudeCodeLikeBody), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal(Encoding.UTF8.GetBytes(ClaudeCodeLikeBody), seen.Body);
        Assert.Equal(seen.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Headers["content-length"]);
    }

    [Fact]
    public async Task Query_string_and_anthropic_headers_are_forwarded_and_client_credentials_are_not()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true") { Content = TestGateway.Json(ClaudeCodeLikeBody) };
        request.Headers.Add("x-api-key", TestGateway.DefaultAccessKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27");
        request.Headers.Add("x-app", "cli");
        request.Headers.Add("x-claude-code-session-id", "session-42");
        request.Headers.Add("x-stainless-retry-count", "0");
        request.Headers.TryAddWithoutValidation("user-agent", "claude-cli/2.1.3 (external, cli)");
        request.Headers.TryAddWithoutValidation("accept-encoding", "identity-from-client");
        request.Headers.Add("cookie", "panel-session=secret");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal("?beta=true", seen.QueryString);
        Assert.Equal("2023-06-01", seen.Headers["anthropic-version"]);
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27", seen.Headers["anthropic-beta"]);
        Assert.Equal("cli", seen.Headers["x-app"]);
        Assert.Equal("session-42", seen.Headers["x-claude-code-session-id"]);
        Assert.Equal("0", seen.Headers["x-stainless-retry-count"]);
        Assert.Equal("claude-cli/2.1.3 (external, cli)", seen.Headers["user-agent"]);
        Assert.Equal("sk-ant-api03-k", seen.Headers["x-api-key"]);
        Assert.False(seen.Headers.ContainsKey("cookie"));
        Assert.DoesNotContain("identity-from-client", seen.Headers.GetValueOrDefault("accept-encoding") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(TestGateway.DefaultAccessKey, string.Join("\n", seen.Headers.Values));
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", "exact-target")]
    [InlineData("claude-3-5-sonnet-20241022", "sonnet-target")]
    [InlineData("claude-haiku-4-5-20251001", "haiku-4-5-target")]
    [InlineData("CLAUDE-HAIKU-3", "haiku-target")]
    [InlineData("gpt-unmapped", "gpt-unmapped")]
    public async Task Model_mapping_rewrites_only_the_model(string requested, string expected)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k");
        channel["modelMapping"] = new JsonObject
        {
            ["sonnet"] = "sonnet-target",
            ["claude-sonnet-4-5"] = "exact-target",
            ["haiku"] = "haiku-target",
            ["haiku-4-5"] = "haiku-4-5-target",
        };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();
        var body = ClaudeCodeLikeBody.Replace("\"claude-sonnet-4-5\"", $"\"{requested}\"", StringComparison.Ordinal);

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        var expectedBody = body.Replace($"\"{requested}\"", $"\"{expected}\"", StringComparison.Ordinal);
        Assert.Equal(expectedBody, seen.BodyText);
        Assert.Equal(seen.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Headers["content-length"]);
    }

    [Theory]
    [InlineData("sk-ant-api03-abc", null, "x-api-key")]
    [InlineData("sk-ant-oat01-abc", null, "bearer")]
    [InlineData("relay-key-abc", null, "bearer")]
    [InlineData("relay-key-abc", "x-api-key", "x-api-key")]
    [InlineData("sk-ant-api03-abc", "bearer", "bearer")]
    public async Task Channel_key_is_sent_in_the_style_the_key_or_channel_calls_for(string key, string? authStyle, string expectedStyle)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, key);
        if (authStyle is not null)
        {
            channel["authStyle"] = authStyle;
        }

        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestGateway.DefaultAccessKey);

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"m","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        if (expectedStyle == "bearer")
        {
            Assert.Equal($"Bearer {key}", seen.Headers["authorization"]);
            Assert.False(seen.Headers.ContainsKey("x-api-key"));
        }
        else
        {
            Assert.Equal(key, seen.Headers["x-api-key"]);
            Assert.False(seen.Headers.ContainsKey("authorization"));
        }
    }

    [Theory]
    [InlineData("", "/v1/messages")]
    [InlineData("/", "/v1/messages")]
    [InlineData("/v1", "/v1/messages")]
    [InlineData("/v1/", "/v1/messages")]
    [InlineData("/api/anthropic", "/api/anthropic/v1/messages")]
    [InlineData("/api/anthropic/v1", "/api/anthropic/v1/messages")]
    [InlineData("/custom/path#", "/custom/path/messages")]
    public async Task Base_url_with_or_without_a_version_reaches_the_messages_path(string baseSuffix, string expectedPath)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k");
        channel["baseUrl"] = upstream.BaseUrl.ToString().TrimEnd('/') + baseSuffix;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages?beta=true", TestGateway.Json("""{"model":"m","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal(expectedPath, seen.Path);
        Assert.Equal("?beta=true", seen.QueryString);
    }

    [Fact]
    public async Task Non_stream_response_is_relayed_with_status_body_and_upstream_headers()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var upstreamBody = AnthropicFakes.MessageJson("exact bytes ✓", model: "claude-upstream-name");
        upstream.Enqueue(FakeReply.Json(200, upstreamBody, ("request-id", "req_upstream_1"), ("anthropic-ratelimit-requests-remaining", "99"), ("set-cookie", "__cf=1")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"m","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(upstreamBody, await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("req_upstream_1", response.Headers.GetValues("request-id").Single());
        Assert.Equal("99", response.Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());
        Assert.False(response.Headers.Contains("set-cookie"));
    }

    [Fact]
    public async Task Stream_events_reach_the_client_before_the_upstream_stream_ends()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("claude-sonnet-4-5"))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "first"))
            .WaitFor(gate.Task)
            .Event(AnthropicFakes.TextDeltaEvent(0, " second"))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.MessageDeltaEvent())
            .Event(AnthropicFakes.MessageStopEvent());
        upstream.Enqueue(FakeReply.Stream(script));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json("""{"model":"m","max_tokens":1,"stream":true,"messages":[]}""") };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));

        // The upstream is held at the gate: these three events can only have come through already.
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);
        var first = await reader.NextAsync(Token);
        Assert.Contains("\"first\"", first!.Data, StringComparison.Ordinal);
        gate.SetResult();

        var rest = await reader.ReadToEndAsync(Token);
        Assert.Equal(["content_block_delta", "content_block_stop", "message_delta", "message_stop"], rest.Select(e => e.Event));
    }

    [Fact]
    public async Task Client_disconnect_mid_stream_cancels_the_upstream_call()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("claude-sonnet-4-5"))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Hang()));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json("""{"model":"m","max_tokens":1,"stream":true,"messages":[]}""") };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);

        response.Dispose();
        client.Dispose();

        await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.True(upstream.Requests[0].WasAborted);
    }

    [Fact]
    public async Task Upstream_reset_mid_stream_ends_the_stream_with_an_error_event()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("claude-sonnet-4-5"))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind")
            .WaitFor(gate.Task)
            .Reset()));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json("""{"model":"m","max_tokens":1,"stream":true,"messages":[]}""") };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);
        gate.SetResult();

        // The half-sent event is dropped whole; the client sees a clean error event instead, then the end.
        var rest = await reader.ReadToEndAsync(Token);
        var error = Assert.Single(rest);
        Assert.Equal("error", error.Event);
        var envelope = JsonNode.Parse(error.Data)!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal("api_error", (string?)envelope["error"]!["type"]);
    }
}
