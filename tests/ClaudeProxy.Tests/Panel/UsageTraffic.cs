using System.Net;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// A gateway with logged traffic for the Logs and Usage pages: one <c>claude-sonnet-4-5</c> request that
/// failed over from a 429 on the first key to a 200 on the second, one <c>claude-haiku-4-5</c> request
/// answered at once, and one request refused with 400 before routing (it named no model).
/// </summary>
public sealed class UsageTraffic : IAsyncDisposable
{
    public const string Channel = "relay-main";
    public const string Sonnet = "claude-sonnet-4-5";
    public const string Haiku = "claude-haiku-4-5";
    public const int SonnetInputTokens = 1200;
    public const int SonnetOutputTokens = 340;

    private const string KeyOne = "usage-page-key-one-0123456789";
    private const string KeyTwo = "usage-page-key-two-0123456789";

    private UsageTraffic(FakeUpstream upstream, TestGateway gateway)
    {
        Upstream = upstream;
        Gateway = gateway;
    }

    public FakeUpstream Upstream { get; }

    public TestGateway Gateway { get; }

    public static async Task<UsageTraffic> StartAsync()
    {
        var token = TestContext.Current.CancellationToken;
        var upstream = await FakeUpstream.StartAsync(token);
        upstream.Enqueue(
            AnthropicFakes.Error(429, "rate_limit_error", "slow down"),
            AnthropicFakes.Message("first", Sonnet, inputTokens: SonnetInputTokens, outputTokens: SonnetOutputTokens),
            AnthropicFakes.Message("second", Haiku, inputTokens: 80, outputTokens: 20));
        var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel(Channel, "claude", upstream.BaseUrl, KeyOne, KeyTwo)));
        using var client = gateway.CreateClient();

        using (var first = await client.PostAsync("/v1/messages", TestGateway.Json(Body(Sonnet)), token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await client.PostAsync("/v1/messages", TestGateway.Json(Body(Haiku)), token))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using (var refused = await client.PostAsync("/v1/messages", TestGateway.Json("""{"max_tokens":5,"messages":[]}"""), token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The log is written off the request path: wait until all three entries are stored.
        await gateway.App.Services.GetRequiredService<UsageWriter>().FlushAsync(recorded: 3).WaitAsync(TimeSpan.FromSeconds(30), token);
        return new UsageTraffic(upstream, gateway);
    }

    /// <summary>Signs the browser context in through the session API (for tests about other things than signing in).</summary>
    public async Task SignInAsync(IPage page)
    {
        var response = await page.Context.APIRequest.PostAsync(new Uri(Gateway.BaseUrl, "api/session").ToString(), new APIRequestContextOptions
        {
            DataObject = new { key = Gateway.AccessKey },
        });
        Assert.Equal(204, response.Status);
        await page.Context.AddInitScriptAsync("localStorage.setItem('claudeProxy.signedIn', '1')");
    }

    private static string Body(string model) =>
        $$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""";

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
