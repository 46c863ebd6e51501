using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Affinity;

/// <summary>Conversations stay on their key through the gateway, named the ways real clients name them.</summary>
public sealed class ConversationAffinityTests
{
    private static readonly string[] Keys = ["sk-key-0001", "sk-key-0002", "sk-key-0003", "sk-key-0004"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string StickyConfig(string serviceType, Uri baseUrl)
    {
        var config = JsonNode.Parse(TestConfigs.Config(TestConfigs.Channel("pool", serviceType, baseUrl, Keys)))!;
        config["loadBalance"] = LoadBalanceStrategy.Sticky;
        return config.ToJsonString();
    }

    private static string Body(string turn, string? userId = null) =>
        new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 16,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = turn }),
            ["metadata"] = userId is null ? null : new JsonObject { ["user_id"] = userId },
        }.ToJsonString();

    private static async Task SendAsync(HttpClient client, string body, string? sessionHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(body) };
        if (sessionHeader is not null)
        {
            request.Headers.Add("x-claude-code-session-id", sessionHeader);
        }

        using var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string KeyOf(RecordedRequest request) =>
        request.Headers.TryGetValue("x-api-key", out var key) ? key : request.Headers["Authorization"]["Bearer ".Length..];

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    public async Task Claude_Code_s_session_header_keeps_each_conversation_on_one_key_and_conversations_use_every_key(string serviceType)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(serviceType == "claude" ? AnthropicFakes.Message("ok") : OpenAIFakes.ChatCompletion("ok"));
        await using var gateway = await TestGateway.StartAsync(StickyConfig(serviceType, upstream.BaseUrl));
        using var client = gateway.CreateClient();

        for (var turn = 0; turn < 3; turn++)
        {
            for (var conversation = 0; conversation < 16; conversation++)
            {
                await SendAsync(client, Body($"turn {turn}"), sessionHeader: $"3f1c8a52-0000-4000-8000-{conversation:D12}");
            }
        }

        var keysByConversation = upstream.Requests.Select(KeyOf).Chunk(16).ToList();
        Assert.Equal(keysByConversation[0], keysByConversation[1]);
        Assert.Equal(keysByConversation[0], keysByConversation[2]);
        Assert.Equal(Keys.Length, keysByConversation[0].Distinct().Count());
    }

    [Fact]
    public async Task The_session_part_of_metadata_user_id_names_the_conversation()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(StickyConfig("claude", upstream.BaseUrl));
        using var client = gateway.CreateClient();
        const string Device = "user_5d8e1c0f2b7a4e6d9c3b1a0f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d_account__session_";

        foreach (var turn in new[] { "first", "second" })
        {
            for (var conversation = 0; conversation < 16; conversation++)
            {
                await SendAsync(client, Body(turn, $"{Device}9b2e4c7a-0000-4000-8000-{conversation:D12}"));
            }
        }

        var keysByTurn = upstream.Requests.Select(KeyOf).Chunk(16).ToList();
        Assert.Equal(keysByTurn[0], keysByTurn[1]);
        Assert.True(keysByTurn[0].Distinct().Count() > 1, "conversations that differ only in their session spread over keys");
    }

    [Fact]
    public async Task Two_gateway_processes_with_the_same_config_choose_the_same_key_for_the_same_conversation()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        var chosen = new List<string[]>();
        foreach (var instance in new[] { "a", "b" })
        {
            using var folder = new TempFolder();
            Directory.CreateDirectory(Path.Combine(folder.Path, ".config"));
            await File.WriteAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), StickyConfig("claude", upstream.BaseUrl), Token);
            await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = "0" });
            var baseUrl = await gateway.WaitUntilListeningAsync(Token);
            var accessKey = (await File.ReadAllTextAsync(Path.Combine(folder.Path, ".config", "access-key"), Token)).Trim();
            using var client = new HttpClient { BaseAddress = baseUrl };
            client.DefaultRequestHeaders.Add("x-api-key", accessKey);
            var before = upstream.Requests.Count;

            for (var conversation = 0; conversation < 12; conversation++)
            {
                await SendAsync(client, Body($"from {instance}"), sessionHeader: $"instance-test-{conversation}");
            }

            chosen.Add([.. upstream.Requests.Skip(before).Select(KeyOf)]);
        }

        Assert.Equal(chosen[0], chosen[1]);
        Assert.True(chosen[0].Distinct().Count() > 1, "the conversations spread over the keys");
    }
}
