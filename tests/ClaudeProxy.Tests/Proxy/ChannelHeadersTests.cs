using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>A channel's own request headers, for relays that accept only Claude Code.</summary>
public sealed class ChannelHeadersTests
{
    private const string RelayToken = "relay-token-secret-7Qz81";
    private const string ClaudeCodeAgent = "claude-cli/2.0.14 (external, cli)";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject WithHeaders(JsonObject channel)
    {
        channel["id"] = "ch_relay";
        channel["headers"] = new JsonObject { ["User-Agent"] = ClaudeCodeAgent, ["X-Relay-Token"] = RelayToken };
        return channel;
    }

    private const string Ask = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    public async Task The_upstream_gets_the_channel_s_headers_in_place_of_the_gateway_s_and_its_own_credentials(string serviceType)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(serviceType == "claude" ? AnthropicFakes.Message("ok") : OpenAIFakes.ChatCompletion("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(WithHeaders(TestConfigs.Channel("relay", serviceType, upstream.BaseUrl, "sk-channel-key-0001"))));
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("some-sdk/1.0");

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal(ClaudeCodeAgent, seen.Headers["User-Agent"]);
        Assert.Equal(RelayToken, seen.Headers["X-Relay-Token"]);
        Assert.Equal("sk-channel-key-0001", seen.Headers.TryGetValue("x-api-key", out var key) ? key : seen.Headers["Authorization"]["Bearer ".Length..]);
    }

    [Fact]
    public async Task The_admin_ping_goes_out_with_the_channel_s_headers_too()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Models("claude-sonnet-4-5"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(WithHeaders(TestConfigs.Channel("relay", "claude", upstream.BaseUrl, "sk-channel-key-0001"))));
        using var client = gateway.CreateClient();

        using var ping = await client.GetAsync("/api/ping/ch_relay", Token);

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(ClaudeCodeAgent, Assert.Single(upstream.Requests).Headers["User-Agent"]);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("x-api-key")]
    [InlineData("Content-Length")]
    [InlineData("Bad Name")]
    public async Task A_header_that_would_replace_credentials_or_framing_is_refused_naming_the_field(string name)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(WithHeaders(TestConfigs.Channel("relay", "claude", upstream.BaseUrl, "sk-channel-key-0001"))));
        using var client = gateway.CreateClient();
        var before = await File.ReadAllTextAsync(gateway.ConfigPath, Token);

        using var response = await client.PutAsync("/api/channels/ch_relay", TestGateway.Json(new JsonObject { ["headers"] = new JsonObject { [name] = "x" } }.ToJsonString()), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("headers", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath, Token));
    }

    [Fact]
    public async Task The_admin_api_shows_the_headers_with_secret_ones_masked()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(WithHeaders(TestConfigs.Channel("relay", "claude", upstream.BaseUrl, "sk-channel-key-0001"))));
        using var client = gateway.CreateClient();

        var text = await client.GetStringAsync("/api/channels/ch_relay", Token);
        var headers = JsonNode.Parse(text)!["headers"]!;

        Assert.Equal(ClaudeCodeAgent, (string?)headers["User-Agent"]);
        Assert.NotNull((string?)headers["X-Relay-Token"]);
        Assert.DoesNotContain(RelayToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_sent_back_as_the_admin_api_showed_them_keep_the_secret_value_while_a_changed_one_is_stored()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(WithHeaders(TestConfigs.Channel("relay", "claude", upstream.BaseUrl, "sk-channel-key-0001"))));
        using var client = gateway.CreateClient();
        var shown = JsonNode.Parse(await client.GetStringAsync("/api/channels/ch_relay", Token))!["headers"]!.AsObject();
        shown["User-Agent"] = "claude-cli/2.1.0 (external, cli)";

        using var response = await client.PutAsync("/api/channels/ch_relay", TestGateway.Json(new JsonObject { ["headers"] = shown.DeepClone() }.ToJsonString()), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = gateway.ConfigStore.Current.Upstream[0].Headers!;
        Assert.Equal(RelayToken, stored["X-Relay-Token"]);
        Assert.Equal("claude-cli/2.1.0 (external, cli)", stored["User-Agent"]);
    }

    [Fact]
    public async Task The_cli_sets_headers_and_shows_them_with_secret_ones_masked()
    {
        using var cli = await CliHarness.WithConfigAsync(CliHarness.TwoChannels);

        var update = await cli.RunAsync("channels", "update", "relay", "--header", $"User-Agent={ClaudeCodeAgent}", "--header", $"X-Relay-Token={RelayToken}");
        var show = await cli.RunAsync("channels", "show", "relay");

        update.Succeeded();
        var headers = (await cli.ChannelAsync(1))["headers"]!;
        Assert.Equal(ClaudeCodeAgent, (string?)headers["User-Agent"]);
        Assert.Equal(RelayToken, (string?)headers["X-Relay-Token"]);
        Assert.Contains($"User-Agent: {ClaudeCodeAgent}", show.Succeeded().Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RelayToken, show.Output, StringComparison.Ordinal);
    }
}
