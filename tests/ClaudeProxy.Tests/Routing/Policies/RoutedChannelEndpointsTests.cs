using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>A channel once per base URL: <c>baseUrl</c>, then <c>baseUrls</c>, each URL once.</summary>
public sealed class RoutedChannelEndpointsTests
{
    private static ChannelConfig Channel(string? baseUrl, params string[] baseUrls) => new()
    {
        Id = "ch_relay",
        ServiceType = ServiceType.Claude,
        BaseUrl = baseUrl,
        BaseUrls = baseUrls.Length == 0 ? null : baseUrls,
        ApiKeys = ["sk-ant-api03-endpoint-key-01"],
        ModelMapping = new Dictionary<string, string> { ["sonnet"] = "claude-sonnet-4-5" },
    };

    private static string?[] Urls(ChannelConfig config) => [.. new RoutedChannel(config, null).Endpoints.Select(e => e.BaseUrl)];

    [Fact]
    public void A_single_url_channel_is_its_own_only_endpoint()
    {
        var config = Channel("https://api.example.com");

        var endpoint = Assert.Single(new RoutedChannel(config, null).Endpoints);

        Assert.Same(config, endpoint);
    }

    [Fact]
    public void The_base_url_goes_first_then_the_base_urls_in_their_order()
    {
        var config = Channel("https://a.example.com", "https://b.example.com", "https://c.example.com");

        Assert.Equal(["https://a.example.com", "https://b.example.com", "https://c.example.com"], Urls(config));
        Assert.Same(config, new RoutedChannel(config, null).Endpoints[0]);
    }

    [Fact]
    public void Base_urls_alone_make_the_endpoints()
    {
        Assert.Equal(["https://a.example.com", "https://b.example.com"], Urls(Channel(null, "https://a.example.com", "https://b.example.com")));
    }

    [Fact]
    public void A_url_listed_twice_or_with_a_trailing_slash_is_one_endpoint_at_its_first_place()
    {
        var config = Channel("https://a.example.com", "https://b.example.com/", "https://a.example.com/", "https://b.example.com", "https://c.example.com");

        Assert.Equal(["https://a.example.com", "https://b.example.com/", "https://c.example.com"], Urls(config));
    }

    [Fact]
    public void Every_endpoint_keeps_the_channel_s_settings_but_its_own_url()
    {
        var config = Channel(null, "https://a.example.com", "https://b.example.com");

        var endpoints = new RoutedChannel(config, null).Endpoints;

        Assert.All(endpoints, e => Assert.Equal(config with { BaseUrl = e.BaseUrl }, e));
        Assert.All(endpoints, e => Assert.Same(config.ModelMapping, e.ModelMapping));
    }

}
