using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary>The CLI edits the file a running gateway watches; the gateway picks the change up without a restart.</summary>
public sealed class CliWithRunningServerTests
{
    private const string UpstreamKey = "sk-ant-api03-live-000000000000000000000000042";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_channel_added_by_the_cli_serves_the_next_request()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("via the cli channel"));
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        using var cli = new CliHarness();
        var changed = gateway.NextConfigChange();

        var run = await cli.RunWithoutConfigAsync(
            ["channels", "add", "live", "claude", upstream.BaseUrl.ToString(), "--key", UpstreamKey, "--map", "sonnet=claude-live-model", "--config", gateway.ConfigPath]);

        run.Succeeded().ShowsNoRawKey(UpstreamKey);
        var live = await changed.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal("live", Assert.Single(live.Upstream).Name);

        using (var health = await client.GetAsync("/health", Token))
        {
            Assert.Equal(1, (int?)JsonNode.Parse(await health.Content.ReadAsStringAsync(Token))!["config"]!["upstreamCount"]);
        }

        using var response = await client.PostAsync(
            "/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""),
            Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal(UpstreamKey, seen.Headers["x-api-key"]);
        Assert.Equal("claude-live-model", seen.Json().GetProperty("model").GetString());
    }
}
