using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Hardening;

/// <summary>
/// Malformed requests as clients send them: a translated channel answers 400
/// <c>invalid_request_error</c> whose message names the field, and nothing reaches the upstream; a
/// <c>claude</c> channel checks only what the gateway reads and forwards the rest.
/// </summary>
public sealed class ValidationOverHttpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "openai", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages.0.content.0.text: Field required" },
        { "openaiold", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":7}]}]}""", "messages.0.content.0.text: expected a string" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages.0.content.0.text: Field required" },
        { "openai", """{"model":"m","max_tokens":0,"messages":[]}""", "max_tokens: must be at least 1" },
        { "gemini", """{"model":"m","messages":[]}""", "max_tokens: Field required" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[{"role":"bot","content":"x"}]}""", "messages.0.role: 'bot' is not one of user, assistant, system" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"hologram"}]}]}""", "messages.0.content.0.type: 'hologram' is not a content block type" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[5]}]}""", "messages.0.content.0: expected an object" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":[]}]}]}""", "messages.0.content.0.input: expected an object" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":{}}]}]}""", "messages.0.content.0.tool_use_id: expected a string" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png"}}]}]}""", "messages.0.content.0.source.data: Field required" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"url"}}]}]}""", "messages.0.content.0.source.url: Field required" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"tools":[{"name":"f"}]}""", "tools.0.input_schema: Field required" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[],"tool_choice":{"type":"tool"}}""", "tool_choice.name: Field required" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"system":[{"type":"text","text":null}]}""", "system.0.text: expected a string" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[],"thinking":{"type":"enabled","budget_tokens":100}}""", "thinking.budget_tokens: must be at least 1024" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"stop_sequences":[1]}""", "stop_sequences.0: expected a string" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[],"temperature":3}""", "temperature: must be between 0 and 1" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"top_p":"high"}""", "top_p: expected a number" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[],"top_k":0.5}""", "top_k: expected an integer" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"metadata":{"user_id":[]}}""", "metadata.user_id: expected a string" },
        { "responses", """{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages.0.content.0.text: Field required" },
        { "responses", """{"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":[]}]}]}""", "messages.0.content.0.input: expected an object" },
        { "gemini", """{"model":"m","max_tokens":10,"messages":[],"output_config":{"effort":false}}""", "output_config.effort: expected a string" },
        { "openai", """{"model":"m","max_tokens":10,"messages":[],"stream":"no"}""", "stream: expected a boolean" },
        { "gemini", """{"model":["m"],"max_tokens":10,"messages":[]}""", "model: expected a string" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_translated_channel_answers_400_naming_the_malformed_field(string serviceType, string body, string expected)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("relay", serviceType, upstream.BaseUrl, "sk-relay")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Equal("invalid_request_error", (string?)envelope["error"]!["type"]);
        Assert.Equal(expected, (string?)envelope["error"]!["message"]);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)envelope["request_id"]);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task A_claude_channel_forwards_a_body_it_cannot_rewrite_instead_of_failing()
    {
        // A foreign thinking block would be stripped, but the body holds a lone surrogate escape: it goes on untouched.
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        var body = """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"gw1.openai.x"},{"type":"a\ud800"}]}]}""";

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(upstream.Requests).BodyText);
    }

    [Fact]
    public async Task A_claude_channel_forwards_a_body_with_a_key_given_twice()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        var body = """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"","type":"thinking"},{"type":7}]}]}""";

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Requests);
    }
}
