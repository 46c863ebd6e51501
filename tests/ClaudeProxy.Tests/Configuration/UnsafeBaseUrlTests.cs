using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>A channel may not point at link-local or cloud-metadata addresses; loopback and private ranges stay allowed.</summary>
public sealed class UnsafeBaseUrlTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://169.254.170.2/v2/credentials")]
    [InlineData("http://0xA9FEA9FE/")]
    [InlineData("http://2852039166/")]
    [InlineData("http://169.254.169.254./")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://100.100.100.200/latest")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1")]
    [InlineData("http://METADATA.Google.Internal./")]
    [InlineData("http://metadata/computeMetadata/v1")]
    [InlineData("https://metadata.goog")]
    public void Link_local_and_metadata_addresses_are_refused(string url) =>
        Assert.NotNull(UnsafeUpstreamAddress.Problem(new Uri(url)));

    [Theory]
    [InlineData("http://127.0.0.1:11434")]
    [InlineData("http://localhost:8080/v1")]
    [InlineData("http://[::1]:8000")]
    [InlineData("http://10.0.0.5")]
    [InlineData("http://172.16.3.4")]
    [InlineData("http://192.168.1.10:1234")]
    [InlineData("http://[fd12:3456::1]")]
    [InlineData("https://api.anthropic.com")]
    [InlineData("https://metadata.example.com")]
    public void Loopback_private_and_public_addresses_stay_allowed(string url) =>
        Assert.Null(UnsafeUpstreamAddress.Problem(new Uri(url)));

    [Fact]
    public void A_config_file_with_a_metadata_base_url_is_refused_naming_the_channel_field()
    {
        var json = TestConfigs.Config(
            TestConfigs.Channel("ok", "openai", new Uri("http://127.0.0.1:11434/v1"), "k-1"),
            TestConfigs.Channel("bad", "claude", new Uri("http://169.254.169.254"), "k-2"));

        var error = Assert.Throws<ConfigFileException>(() => ConfigParser.Parse(Encoding.UTF8.GetBytes(json), "config.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("upstream[1].baseUrl", problem, StringComparison.Ordinal);
        Assert.Contains("link-local", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_carried_along_base_urls_list_is_checked_too()
    {
        var channel = TestConfigs.Channel("multi", "claude", new Uri("https://api.anthropic.com"), "k-1");
        channel["baseUrls"] = new JsonArray("https://api.anthropic.com", "http://metadata.google.internal");

        var error = Assert.Throws<ConfigFileException>(() => ConfigParser.Parse(Encoding.UTF8.GetBytes(TestConfigs.Config(channel)), "config.json"));

        Assert.Contains("upstream[0].baseUrls[1]", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/channels", """{"name":"x","serviceType":"claude","baseUrl":"http://169.254.169.254"}""")]
    [InlineData("PUT", "/api/channels/0", """{"baseUrl":"http://metadata.google.internal"}""")]
    public async Task The_admin_api_refuses_a_metadata_base_url_naming_the_field(string method, string path, string body)
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("https://api.anthropic.com"), "k-1")));
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = TestGateway.Json(body) }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!["message"];
        Assert.StartsWith("baseUrl: refused", message, StringComparison.Ordinal);
        Assert.Equal("https://api.anthropic.com", gateway.ConfigStore.Current.Upstream[0].BaseUrl);
    }

    [Fact]
    public async Task The_cli_refuses_a_metadata_base_url_and_leaves_the_file_alone()
    {
        using var cli = await CliHarness.WithConfigAsync(CliHarness.TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("channels", "add", "imds", "claude", "http://169.254.169.254");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("refused", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }
}
