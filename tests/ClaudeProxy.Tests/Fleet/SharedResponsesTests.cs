using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Stored <c>/v1/responses</c> conversations are the fleet's: a conversation goes on wherever the next turn lands.</summary>
public sealed class SharedResponsesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> RespondAsync(FleetGateway gateway, string input, string? previousId = null)
    {
        var request = new JsonObject { ["model"] = "claude-sonnet-4-5", ["input"] = input };
        if (previousId is not null)
        {
            request["previous_response_id"] = previousId;
        }

        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await gateway.Client.PostAsync(new Uri("/v1/responses", UriKind.Relative), content, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task A_Responses_conversation_started_on_one_instance_continues_on_another_with_previous_response_id()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("Nice to meet you, Ada."), AnthropicFakes.Message("Your name is Ada."));
        var config = TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        var (firstStatus, first) = await RespondAsync(a, "My name is Ada.");
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        var firstId = (string)first!["id"]!;

        // Sent the moment A answered: A's answer ends only once the conversation is on Redis.
        var (secondStatus, second) = await RespondAsync(b, "What is my name?", firstId);

        Assert.True(secondStatus == HttpStatusCode.OK, second?.ToJsonString());
        Assert.Equal(firstId, (string?)second!["previous_response_id"]);
        var messages = upstream.Requests[1].Json().GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Contains("My name is Ada.", messages[0].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Nice to meet you, Ada.", messages[1].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("What is my name?", messages[2].GetRawText(), StringComparison.Ordinal);
        Assert.Equal(":1", await redis.CommandAsync($"EXISTS claude-proxy:response:{firstId}", Token));
    }

    [Fact]
    public async Task With_Redis_down_a_conversation_continues_on_its_own_instance_and_elsewhere_is_not_found_rather_than_a_500()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("Noted."));
        var config = TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        await redis.KillAsync();
        var (firstStatus, first) = await RespondAsync(a, "Remember 42.");
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        var firstId = (string)first!["id"]!;

        var (sameStatus, same) = await RespondAsync(a, "What did I ask you to remember?", firstId);
        Assert.True(sameStatus == HttpStatusCode.OK, same?.ToJsonString());
        Assert.Contains("Remember 42.", upstream.Requests[^1].Json().GetProperty("messages")[0].GetRawText(), StringComparison.Ordinal);

        var (elsewhereStatus, elsewhere) = await RespondAsync(b, "What did I ask you to remember?", firstId);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhereStatus);
        Assert.Equal("previous_response_id", (string?)elsewhere!["error"]!["param"]);

        await Eventually.HoldsAsync(() => Task.FromResult(a.Process.Output.Contains("is unreachable", StringComparison.Ordinal)),
            "instance A logs that Redis is unreachable", Token);
        Assert.DoesNotContain("Unhandled", a.Process.Output + b.Process.Output, StringComparison.Ordinal);
    }
}
