using ClaudeProxy.Configuration;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>Which client doors a channel serves.</summary>
public sealed class ChannelDoorsTests
{
    private static ChannelConfig Channel(string id, ChannelList list = ChannelList.Messages, IReadOnlyList<string>? doors = null) =>
        new() { Id = id, ServiceType = ServiceType.Claude, BaseUrl = $"https://{id}.example.com", ApiKeys = ["k"], List = list, Doors = doors };

    private static string[] Doors(ProxyConfig config, string id) =>
        [.. ChannelDoors.Of(config, config.Upstream.Single(c => c.Id == id)).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_channel_serves_every_door_by_default()
    {
        var config = new ProxyConfig { Upstream = [Channel("a")] };

        Assert.Equal(["chat", "gemini", "messages", "responses"], Doors(config, "a"));
    }

    [Fact]
    public void A_channel_with_a_doors_list_serves_those_doors_alone()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", doors: [ClientDoor.Chat, ClientDoor.Responses])] };

        Assert.Equal(["chat", "responses"], Doors(config, "a"));
    }

    [Fact]
    public void Channels_of_claude_proxy_s_door_lists_serve_their_door_and_upstream_s_serve_the_rest()
    {
        var config = new ProxyConfig
        {
            Upstream = [Channel("m"), Channel("r", ChannelList.Responses), Channel("g", ChannelList.Gemini)],
        };

        Assert.Equal(["responses"], Doors(config, "r"));
        Assert.Equal(["gemini"], Doors(config, "g"));
        Assert.Equal(["chat", "messages"], Doors(config, "m"));
    }

    [Fact]
    public void An_empty_door_list_leaves_its_door_to_upstream_s_channels()
    {
        var config = new ProxyConfig { Upstream = [Channel("m")], ResponsesUpstream = [] };

        Assert.Equal(["chat", "gemini", "messages", "responses"], Doors(config, "m"));
    }
}
