using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Admin;

/// <summary>Pinging a channel of several base URLs: it is measured at its first one, where requests start.</summary>
public sealed class ChannelPingBaseUrlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_channel_with_only_base_urls_is_pinged_at_its_first_url()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.SetDefault(AnthropicFakes.Models("claude-sonnet-4-5"));
        var channel = TestConfigs.Channel("mirrors", "openai", first.BaseUrl, "sk-openai-ping-mirror-0001");
        channel.Remove("baseUrl");
        channel["id"] = "ch_mirrors";
        channel["baseUrls"] = new JsonArray(first.BaseUrl.ToString().TrimEnd('/'), second.BaseUrl.ToString().TrimEnd('/'));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/ping/ch_mirrors", Token);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

        Assert.Equal("healthy", (string?)result["status"]);
        Assert.Equal("/v1/models", Assert.Single(first.Requests).Path);
        Assert.Empty(second.Requests);
    }
}
