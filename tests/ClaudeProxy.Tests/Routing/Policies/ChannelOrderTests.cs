using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>Active channels in tiers of equal priority, lowest first.</summary>
public sealed class ChannelOrderTests
{
    private static ChannelConfig Channel(string id, int? priority = null, string? status = null) =>
        new() { Id = id, ServiceType = ServiceType.Claude, BaseUrl = $"https://{id}.example.com", ApiKeys = [$"key-of-{id}"], Priority = priority, Status = status };

    /// <summary>Tiers separated by " | ", channels inside a tier by spaces.</summary>
    private static string Tiers(ProxyConfig config) => string.Join(" | ", ChannelOrder.Tiers(config).Select(tier => string.Join(' ', tier.Select(c => c.Id))));

    [Fact]
    public void Channels_are_tiered_by_priority_lowest_first()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 20), Channel("b", priority: 0), Channel("c", priority: 5)] };

        Assert.Equal("b | c | a", Tiers(config));
    }

    [Fact]
    public void Without_priorities_the_list_order_is_the_failover_order()
    {
        var config = new ProxyConfig { Upstream = [Channel("a"), Channel("b"), Channel("c")] };

        Assert.Equal("a | b | c", Tiers(config));
    }

    [Theory]
    [InlineData(0, "a | b | c")]
    [InlineData(1, "b | a | c")]
    [InlineData(2, "c | a | b")]
    public void In_a_seed_config_the_current_upstream_goes_first(int currentUpstream, string expected)
    {
        var config = new ProxyConfig { Upstream = [Channel("a"), Channel("b"), Channel("c")], CurrentUpstream = currentUpstream };

        Assert.Equal(expected, Tiers(config));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void A_current_upstream_out_of_range_is_ignored(int currentUpstream)
    {
        var config = new ProxyConfig { Upstream = [Channel("a"), Channel("b"), Channel("c")], CurrentUpstream = currentUpstream };

        Assert.Equal("a | b | c", Tiers(config));
    }

    [Fact]
    public void Declared_priorities_override_the_current_upstream()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 1), Channel("b", priority: 0), Channel("c", priority: 2)], CurrentUpstream = 2 };

        Assert.Equal("b | a | c", Tiers(config));
    }

    [Fact]
    public void One_declared_priority_is_enough_to_ignore_the_current_upstream()
    {
        // a declares 10; b and c take their positions (1 and 2).
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 10), Channel("b"), Channel("c")], CurrentUpstream = 2 };

        Assert.Equal("b | c | a", Tiers(config));
    }

    [Fact]
    public void Disabled_channels_are_left_out()
    {
        var config = new ProxyConfig { Upstream = [Channel("a"), Channel("b", status: ChannelStatus.Disabled), Channel("c", status: "Disabled"), Channel("d", status: ChannelStatus.Active)] };

        Assert.Equal("a | d", Tiers(config));
        Assert.Equal(["a", "d"], ChannelOrder.Of(config).Select(c => c.Id));
    }

    [Fact]
    public void A_disabled_current_upstream_is_left_out_and_the_rest_keep_list_order()
    {
        var config = new ProxyConfig { Upstream = [Channel("a"), Channel("b"), Channel("c", status: ChannelStatus.Disabled)], CurrentUpstream = 2 };

        Assert.Equal("a | b", Tiers(config));
    }

    [Fact]
    public void Equal_priorities_share_a_tier_in_list_order()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 1), Channel("b", priority: 0), Channel("c", priority: 1), Channel("d", priority: 0)] };

        Assert.Equal("b d | a c", Tiers(config));
    }

    [Fact]
    public void A_declared_priority_equal_to_another_channel_position_shares_its_tier()
    {
        // b has no priority: its position, 1, puts it with a.
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 1), Channel("b"), Channel("c", priority: 0)] };

        Assert.Equal("c | a b", Tiers(config));
    }

    [Fact]
    public void Negative_priorities_run_before_the_rest()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 0), Channel("b", priority: -5)] };

        Assert.Equal("b | a", Tiers(config));
    }

    [Fact]
    public void Of_flattens_the_tiers_in_order()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 1), Channel("b", priority: 0), Channel("c", priority: 1)] };

        Assert.Equal(["b", "a", "c"], ChannelOrder.Of(config).Select(c => c.Id));
    }

    [Fact]
    public void No_channels_give_no_tiers()
    {
        Assert.Empty(ChannelOrder.Tiers(ProxyConfig.Empty));
        Assert.Empty(ChannelOrder.Tiers(new ProxyConfig { Upstream = [Channel("a", status: ChannelStatus.Disabled)] }));
    }

    [Fact]
    public void Channels_that_share_a_priority_of_zero_form_one_tier()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", priority: 0), Channel("b", priority: 0), Channel("c", priority: 1)] };

        Assert.Equal("a b | c", Tiers(config));
    }

    [Fact]
    public void In_a_file_migrated_from_claude_proxy_a_priority_of_zero_means_the_channel_s_position()
    {
        var config = new ProxyConfig
        {
            Upstream = [Channel("a", priority: 0), Channel("b", priority: 0), Channel("c", priority: 1), Channel("d", priority: 0)],
            PriorityZeroMeansPosition = true,
        };

        // a at 0, b at 1 (with c's explicit 1), d at 3.
        Assert.Equal("a | b c | d", Tiers(config));
    }

    [Fact]
    public void Suspended_and_disabled_channels_are_left_out()
    {
        var config = new ProxyConfig { Upstream = [Channel("a", status: ChannelStatus.Suspended), Channel("b"), Channel("c", status: ChannelStatus.Disabled)] };

        Assert.Equal("b", Tiers(config));
    }

    [Fact]
    public void Each_file_list_counts_positions_and_its_current_channel_on_its_own()
    {
        var config = new ProxyConfig
        {
            Upstream =
            [
                Channel("m1"), Channel("m2"),
                Channel("r1") with { List = ChannelList.Responses }, Channel("r2") with { List = ChannelList.Responses },
            ],
            CurrentResponsesUpstream = 1,
        };

        // Each list's current channel goes first (m1 by currentUpstream's default 0, r2 by currentResponsesUpstream);
        // positions restart in each list (r1 at 0, m2 at 1).
        Assert.Equal("m1 r2 | r1 | m2", Tiers(config));
        Assert.Equal(0, ChannelOrder.FirstIndex(config));
    }
}
