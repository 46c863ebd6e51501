using System.Net;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>A channel's <c>doors</c> list decides which client doors' requests it takes.</summary>
public sealed class ChannelDoorsHttpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_channel_that_names_only_the_chat_door_serves_chat_clients_and_no_messages_client()
    {
        await using var chatOnly = await FakeUpstream.StartAsync(Token);
        await using var everyone = await FakeUpstream.StartAsync(Token);
        chatOnly.SetDefault(AnthropicFakes.Message("from the chat-only channel"));
        everyone.SetDefault(AnthropicFakes.Message("from the channel of every door"));
        await using var gateway = await TestGateway.StartAsync($$"""
            {
              "upstream": [
                {"id":"chat-only","serviceType":"claude","baseUrl":"{{chatOnly.BaseUrl}}","apiKeys":["k1"],"priority":0,"doors":["chat"]},
                {"id":"everyone","serviceType":"claude","baseUrl":"{{everyone.BaseUrl}}","apiKeys":["k2"],"priority":1}
              ]
            }
            """);
        using var client = gateway.CreateClient();

        using var messages = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        using var chat = await client.PostAsync("/v1/chat/completions",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
        Assert.Contains("from the channel of every door", await messages.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Contains("from the chat-only channel", await chat.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Single(chatOnly.Requests);
        Assert.Single(everyone.Requests);
    }

    [Fact]
    public async Task An_unknown_door_in_a_channel_s_list_is_refused_by_name()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/api/channels",
            TestGateway.Json("""{"name":"x","serviceType":"claude","baseUrl":"https://api.anthropic.com","doors":["messages","fax"]}"""), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("doors: unknown door 'fax'", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
