using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

public sealed class RoutingTableTests
{
    [Fact]
    public void A_channel_takes_its_own_key_strategy_before_the_files()
    {
        var config = new ProxyConfig
        {
            LoadBalance = LoadBalanceStrategy.RoundRobin,
            Upstream = [Channel("ch_a"), Channel("ch_b") with { LoadBalance = LoadBalanceStrategy.Random }],
        };

        var channels = RoutingTable.Build(config).Tiers.SelectMany(t => t.Channels).ToList();

        Assert.Equal([KeyStrategy.RoundRobin, KeyStrategy.Random], channels.Select(c => c.Strategy));
    }

    [Fact]
    public void Missing_settings_are_resolved_once_to_their_defaults()
    {
        var config = new ProxyConfig { Upstream = [new ChannelConfig { ServiceType = ServiceType.Claude, BaseUrl = "https://a.example" }] };

        var channel = RoutingTable.Build(config).Tiers.Single().Channels.Single();

        Assert.Equal("", channel.Id);
        Assert.Equal(1, channel.Weight);
        Assert.Equal(KeyStrategy.Failover, channel.Strategy);
        Assert.Same(config.Upstream[0], channel.Config);
    }

    [Fact]
    public void Tiers_follow_priority_and_leave_disabled_channels_out()
    {
        var config = new ProxyConfig
        {
            Upstream =
            [
                Channel("ch_low") with { Priority = 2 },
                Channel("ch_off") with { Priority = 1, Status = ChannelStatus.Disabled },
                Channel("ch_a") with { Priority = 1, Weight = 3 },
                Channel("ch_b") with { Priority = 1 },
            ],
        };

        var tiers = RoutingTable.Build(config).Tiers;

        Assert.Equal(["ch_a|ch_b", "ch_low"], tiers.Select(t => t.SpreadKey));
        Assert.Equal([("ch_a", 3), ("ch_b", 1)], tiers[0].Weights);
    }

    private static ChannelConfig Channel(string id) =>
        new() { Id = id, Name = id, ServiceType = ServiceType.Claude, BaseUrl = "https://a.example", ApiKeys = ["sk-ant-api03-x"] };
}
