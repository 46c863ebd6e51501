using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// ENABLE_REQUEST_LOGS and ENABLE_RESPONSE_LOGS each keep their half of the one line a proxied request
/// gets: where it went, and how it ended.
/// </summary>
public sealed class RequestLogLineTests
{
    private const string Key = "logline-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_both_on_the_line_says_where_the_request_went_and_how_it_ended()
    {
        var line = await ProxiedLineAsync(settings => settings);

        Assert.Contains("m → anthropic/m", line, StringComparison.Ordinal);
        Assert.Contains(" 200 ", line, StringComparison.Ordinal);
        Assert.Contains("tokens in 10 out 5", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_response_logs_the_line_says_only_where_the_request_went()
    {
        var line = await ProxiedLineAsync(settings => settings with { EnableResponseLogs = false });

        Assert.Contains("m → anthropic/m", line, StringComparison.Ordinal);
        Assert.Contains("attempts 1", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" 200 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tokens", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_request_logs_the_line_says_only_how_the_request_ended()
    {
        var line = await ProxiedLineAsync(settings => settings with { EnableRequestLogs = false });

        Assert.Contains("POST /v1/messages 200", line, StringComparison.Ordinal);
        Assert.Contains("tokens in 10 out 5", line, StringComparison.Ordinal);
        Assert.DoesNotContain("→", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_both_off_no_request_is_logged()
    {
        var lines = await ProxiedLinesAsync(settings => settings with { EnableRequestLogs = false, EnableResponseLogs = false });

        Assert.DoesNotContain(lines, l => l.Contains("/v1/messages", StringComparison.Ordinal));
    }

    private static async Task<string> ProxiedLineAsync(Func<GatewaySettings, GatewaySettings> settings) =>
        Assert.Single(await ProxiedLinesAsync(settings), l => l.Contains("POST /v1/messages", StringComparison.Ordinal));

    private static async Task<IReadOnlyList<string>> ProxiedLinesAsync(Func<GatewaySettings, GatewaySettings> settings)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(200, AnthropicFakes.MessageJson("hi", inputTokens: 10, outputTokens: 5)));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)), settings);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"m","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        await response.Content.ReadAsStringAsync(Token);
        await gateway.App.StopAsync(Token);
        return [.. gateway.Logs.Lines];
    }
}
