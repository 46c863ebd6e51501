using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Admin;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage.Postgres;

/// <summary>A gateway whose <c>USAGE_DB_URL</c> names a database that does not answer: it serves, and its usage API says why it cannot.</summary>
public sealed class UnreachableUsageDatabaseTests
{
    private const string AccessKey = "unreachable-log-access-key-0123456789";
    private const string Password = "never-shown-3b9d";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_are_served_and_the_usage_API_answers_503_with_a_plain_message_while_the_database_is_away()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("served"));
        using var folder = TempFolder.WithConfig(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-one")));
        var url = $"postgres://gateway:{Password}@127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}/usage";
        await using var gateway = GatewayProcess.Start(folder.Path, new Dictionary<string, string>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["PROXY_ACCESS_KEY"] = AccessKey,
            ["USAGE_DB_URL"] = url,
        });
        using var client = new HttpClient { BaseAddress = await gateway.WaitUntilListeningAsync(Token) };
        client.DefaultRequestHeaders.Add("x-api-key", AccessKey);

        using (var answered = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""), Token))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        foreach (var path in new[] { "/api/stats?window=1h", "/api/logs", "/api/logs/1", "/api/logs/export.csv", "/api/stats/export.csv" })
        {
            using var response = await client.GetAsync(path, Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {path}: {(int)response.StatusCode} {body}");
            var error = JsonNode.Parse(body)!["error"]!;
            Assert.Equal(("api_error", UsageEndpoints.UnreadableMessage), ((string?)error["type"], (string?)error["message"]));
            Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Password, gateway.Output, StringComparison.Ordinal);
    }
}
