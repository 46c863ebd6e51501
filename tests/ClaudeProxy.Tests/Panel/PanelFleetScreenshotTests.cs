using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>
/// Screenshots of the dashboard and the Logs page of one gateway among two on a real Redis: the Instance card,
/// the list of live instances and the log's instance column, light and dark, desktop and phone, into artifacts/screenshots/.
/// </summary>
public sealed class PanelFleetScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(PanelScreenshot.EnglishViews), MemberType = typeof(PanelScreenshot))]
    public async Task The_dashboard_of_a_fleet_lists_its_instances_and_the_log_names_them(string device, int width, int height, bool dark)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok", inputTokens: 1200, outputTokens: 140));
        var config = TestConfigs.Config(TestConfigs.Channel("relay-main", "claude", upstream.BaseUrl, "sk-ant-main-0123456789"));
        await using var redis = await RedisServer.StartAsync(Token);
        await using var first = await TestGateway.StartAsync(config, settings => settings with { RedisUrl = redis.Url, InstanceId = "gw-east", InstanceIdGiven = true });
        await using var second = await TestGateway.StartAsync(config, settings => settings with { RedisUrl = redis.Url, InstanceId = "gw-west", InstanceIdGiven = true });
        using var client = first.CreateClient();
        using var response = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        await Eventually.HoldsAsync(async () => (await client.GetStringAsync("/api/cluster", Token)).Contains("gw-west", StringComparison.Ordinal),
            "the first gateway sees the second", Token);

        await using var shot = await PanelScreenshot.OpenAsync(chromium.Browser, device, width, height, dark);
        var panel = shot.Panel;
        await PanelSession.SignInAsync(panel, first);

        await Expect(panel.Page.Locator("tr.instance-row")).ToHaveCountAsync(2);
        await Expect(panel.Page.Locator(".redis-state")).ToHaveTextAsync("Redis connected");
        await Expect(panel.Page.Locator(".instance-self")).ToHaveCountAsync(1);
        await shot.CaptureAsync("dashboard-fleet");

        await panel.Page.GotoAsync(new Uri(first.BaseUrl, "logs").ToString());
        await Expect(panel.Page.Locator("tr.log-row .log-instance")).ToHaveTextAsync("gw-east");
        await shot.CaptureAsync("logs-fleet");

        Assert.Empty(panel.Errors);
    }
}
