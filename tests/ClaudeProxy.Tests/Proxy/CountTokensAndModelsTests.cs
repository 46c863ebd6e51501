using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary><c>count_tokens</c> and <c>/v1/models</c> on a <c>claude</c> channel.</summary>
public sealed class CountTokensAndModelsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Count_tokens_is_forwarded_with_its_query_and_mapped_model()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.CountTokens(1234));
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k");
        channel["modelMapping"] = new JsonObject { ["haiku"] = "claude-haiku-4-5" };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages/count_tokens?beta=true",
            TestGateway.Json("""{"model":"claude-3-haiku","messages":[{"role":"user","content":"count me"}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1234, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["input_tokens"]);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/messages/count_tokens", seen.Path);
        Assert.Equal("?beta=true", seen.QueryString);
        Assert.Equal("claude-haiku-4-5", seen.Json().GetProperty("model").GetString());
    }

    [Fact]
    public async Task Without_a_claude_channel_count_tokens_is_answered_locally_and_grows_with_tools()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("relay", "openai", upstream.BaseUrl, "sk-x")));
        using var client = gateway.CreateClient();
        const string withoutTools = """{"model":"claude-sonnet-4-5","system":"You are terse.","messages":[{"role":"user","content":"How many tokens is this?"}]}""";
        const string withTools = """{"model":"claude-sonnet-4-5","system":"You are terse.","messages":[{"role":"user","content":"How many tokens is this?"}],"tools":[{"name":"Bash","description":"Runs a shell command","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}]}""";

        using var plain = await client.PostAsync("/v1/messages/count_tokens?beta=true", TestGateway.Json(withoutTools), Token);
        using var tooled = await client.PostAsync("/v1/messages/count_tokens", TestGateway.Json(withTools), Token);
        using var broken = await client.PostAsync("/v1/messages/count_tokens", TestGateway.Json("""{"model":"m","messages":[}"""), Token);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var small = (int)JsonNode.Parse(await plain.Content.ReadAsStringAsync(Token))!["input_tokens"]!;
        var large = (int)JsonNode.Parse(await tooled.Content.ReadAsStringAsync(Token))!["input_tokens"]!;
        Assert.InRange(small, 5, 50);
        Assert.True(large > small + 10, $"{large} vs {small}");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task With_no_channel_at_all_count_tokens_still_answers()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages/count_tokens", TestGateway.Json("""{"model":"m","messages":[{"role":"user","content":"hello"}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["input_tokens"]! > 0);
    }

    [Fact]
    public async Task Models_are_listed_by_the_claude_channel_and_single_models_looked_up()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Models("claude-sonnet-4-5", "claude-haiku-4-5"), AnthropicFakes.Models("claude-haiku-4-5"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();

        using var list = await client.GetAsync("/v1/models?limit=2", Token);
        using var single = await client.GetAsync("/v1/models/claude-haiku-4-5", Token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var ids = JsonNode.Parse(await list.Content.ReadAsStringAsync(Token))!["data"]!.AsArray().Select(m => (string?)m!["id"]);
        Assert.Equal(["claude-sonnet-4-5", "claude-haiku-4-5"], ids);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(["/v1/models", "/v1/models/claude-haiku-4-5"], upstream.Requests.Select(r => r.Path));
        Assert.Equal("?limit=2", upstream.Requests[0].QueryString);
        Assert.Equal("GET", upstream.Requests[0].Method);
        Assert.Equal("sk-ant-api03-k", upstream.Requests[0].Headers["x-api-key"]);
    }

    [Fact]
    public async Task Without_a_claude_channel_models_come_from_the_configured_mappings()
    {
        var channel = TestConfigs.Channel("relay", "openai", new Uri("http://127.0.0.1:9/v1"), "sk-x");
        channel["modelMapping"] = new JsonObject { ["sonnet"] = "gpt-5", ["haiku"] = "gpt-5-mini" };
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var list = await client.GetAsync("/v1/models", Token);
        using var known = await client.GetAsync("/v1/models/haiku", Token);
        using var unknown = await client.GetAsync("/v1/models/opus", Token);

        var page = JsonNode.Parse(await list.Content.ReadAsStringAsync(Token))!;
        Assert.Equal(["haiku", "sonnet"], page["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("haiku", (string?)page["first_id"]);
        Assert.False((bool?)page["has_more"]);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
