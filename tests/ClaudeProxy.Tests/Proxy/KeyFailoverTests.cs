using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>Trying the channel's next key when one fails, and what the client gets when all fail.</summary>
public sealed class KeyFailoverTests
{
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(529)]
    public async Task Retryable_failure_moves_to_the_next_key(int status)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(status, "api_error", "first key failed"), AnthropicFakes.Message("from key two"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from key two", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(["sk-ant-api03-one", "sk-ant-api03-two"], upstream.Requests.Select(r => r.Headers["x-api-key"]));
        Assert.Equal(upstream.Requests[0].Body, upstream.Requests[1].Body);
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(422)]
    public async Task Client_error_is_returned_at_once_without_trying_another_key(int status)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var upstreamBody = AnthropicFakes.ErrorJson("invalid_request_error", "bad request from upstream");
        upstream.Enqueue(FakeReply.Json(status, upstreamBody, ("request-id", "req_upstream_9")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(upstreamBody, await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("req_upstream_9", response.Headers.GetValues("request-id").Single());
        Assert.Single(upstream.Requests);
    }

    [Fact]
    public async Task When_every_key_fails_the_last_upstream_error_is_returned_with_the_attempt_count()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"),
            FakeReply.Json(529, AnthropicFakes.ErrorJson("overloaded_error", "Overloaded"), ("retry-after", "7")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(529, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("overloaded_error", (string?)body["error"]!["type"]);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task Connection_reset_moves_to_the_next_key_and_all_resets_give_502_in_the_envelope()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Reset(), AnthropicFakes.Message("second key answered"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")));
        using var client = gateway.CreateClient();

        using (var recovered = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        }

        upstream.Enqueue(FakeReply.Reset(), FakeReply.Reset());
        using var failed = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        var body = JsonNode.Parse(await failed.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("api_error", (string?)body["error"]!["type"]);
        Assert.StartsWith("req_", (string?)body["request_id"], StringComparison.Ordinal);
        Assert.Equal(4, upstream.Requests.Count);
    }

    [Fact]
    public async Task Non_json_upstream_error_is_wrapped_in_the_anthropic_envelope_with_keys_redacted()
    {
        const string key = "relay-secret-key-0123456789abcdef";
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Text(401, $"<html><body>Unauthorized: key {key} is not valid</body></html>", "text/html"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, key)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("authentication_error", (string?)body["error"]!["type"]);
        Assert.Contains("Unauthorized", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(key, gateway.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGateway.DefaultAccessKey, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_without_keys_gets_a_503_that_says_how_to_fix_it()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        Assert.Contains("apiKeys", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }
}
