using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ClaudeProxy.Tests.Panel;

/// <summary>The channels page in the browser against the real gateway and a fake Anthropic upstream.</summary>
public sealed class PanelChannelsFlowTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string ExistingKey = "sk-ant-api03-existing-0000000000000000000000";
    private const string FirstKey = "sk-ant-api03-first-11111111111111111111111111";
    private const string SecondKey = "sk-ant-api03-second-2222222222222222222222222";

    [Fact]
    public async Task A_channel_is_added_with_two_keys_and_a_mapping_shown_masked_pinged_reordered_promoted_disabled_and_deleted()
    {
        await using var upstream = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        upstream.SetDefault(AnthropicFakes.Models("claude-opus-4-1"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.Channel("existing", "claude", upstream.BaseUrl, ExistingKey)));
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var page = panel.Page;
        await page.GotoAsync(gateway.BaseUrl.ToString());
        await page.Locator("input[type=password]").FillAsync(gateway.AccessKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".stat-card").First).ToBeVisibleAsync();
        await page.Locator(".mud-nav-link", new() { HasText = "Channels" }).ClickAsync();
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(1);

        // Add through the dialog: quick-add recognises the URL and both keys, the name and a mapping are typed.
        await page.Locator(".channel-add").ClickAsync();
        await page.Locator(".quick-add-text textarea").FillAsync($"base url: {upstream.BaseUrl}\n{FirstKey}\n{SecondKey}\n");
        await page.Locator(".quick-add-apply").ClickAsync();
        await Expect(page.Locator(".field-base-url input")).ToHaveValueAsync(upstream.BaseUrl.ToString().TrimEnd('/'));
        await page.Locator(".field-name input").FillAsync("fake claude");
        await page.Locator(".mapping-add-opus").ClickAsync();
        await page.Locator(".mapping-target input").FillAsync("claude-opus-4-1");
        await page.Locator(".dialog-save").ClickAsync();
        await Expect(page.Locator(".channel-dialog")).ToHaveCountAsync(0);

        var added = page.Locator(".channel-card", new() { HasText = "fake claude" });
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(2);
        await Expect(added.Locator(".key-masked")).ToHaveTextAsync(["sk-ant…1111", "sk-ant…2222"]);
        var channel = Assert.Single(gateway.ConfigStore.Current.Upstream, c => c.Name == "fake claude");
        Assert.Equal([FirstKey, SecondKey], channel.ApiKeys);
        Assert.Equal("claude", channel.ServiceType);
        Assert.Equal("claude-opus-4-1", channel.ModelMapping!["opus"]);
        var html = await page.ContentAsync();
        foreach (var key in new[] { ExistingKey, FirstKey, SecondKey })
        {
            Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        }

        // What the browser can fetch with its session holds no raw key either.
        var fetched = await page.EvaluateAsync<string>(
            "async () => (await Promise.all(['api/channels', 'api/health'].map(p => fetch(p, { headers: { 'X-ClaudeProxy-Panel': '1' } }).then(r => r.text())))).join()");
        Assert.Contains("sk-ant…1111", fetched, StringComparison.Ordinal);
        foreach (var key in new[] { ExistingKey, FirstKey, SecondKey })
        {
            Assert.DoesNotContain(key, fetched, StringComparison.Ordinal);
        }

        // Ping: the fake answers the model list, so the status is healthy with a latency.
        await added.Locator(".channel-ping").ClickAsync();
        await Expect(added.Locator(".channel-ping-result")).ToHaveAttributeAsync("data-status", "healthy");
        await Expect(added.Locator(".channel-ping-result")).ToContainTextAsync(" ms");

        // Reorder: up one, so it is first in the list and in the config.
        await added.Locator(".channel-up").ClickAsync();
        await Expect(page.Locator(".channel-card").First.Locator(".channel-name")).ToHaveTextAsync("fake claude");
        Assert.Equal("fake claude", gateway.ConfigStore.Current.Upstream[0].Name);

        // Promote for 30 minutes from the menu: the card says until when and the config holds it; then end it early.
        await added.Locator(".channel-promote button").ClickAsync();
        await page.Locator(".promote-1800").ClickAsync();
        await Expect(added.Locator(".channel-promoted")).ToContainTextAsync("Promoted until ");
        var promotedUntil = gateway.ConfigStore.Current.Upstream[0].PromotionUntil;
        Assert.NotNull(promotedUntil);
        Assert.InRange(promotedUntil.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(30));
        await added.Locator(".channel-end-promotion").ClickAsync();
        await Expect(added.Locator(".channel-promoted")).ToHaveCountAsync(0);
        await Expect(added.Locator(".channel-promote")).ToBeVisibleAsync();
        Assert.Null(gateway.ConfigStore.Current.Upstream[0].PromotionUntil);

        // Disable.
        await added.Locator(".channel-toggle").ClickAsync();
        await Expect(added.Locator(".channel-status")).ToHaveTextAsync("Disabled");
        Assert.False(gateway.ConfigStore.Current.Upstream[0].IsActive);

        // Delete, after saying yes in the confirmation.
        await added.Locator(".channel-delete").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Expect(confirm).ToContainTextAsync("fake claude");
        await confirm.Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator(".channel-card")).ToHaveCountAsync(1);
        Assert.Equal("existing", Assert.Single(gateway.ConfigStore.Current.Upstream).Name);

        Assert.Empty(panel.Errors);
    }

    [Fact]
    public async Task Dragging_the_first_card_by_its_handle_onto_the_second_makes_the_second_channel_first_in_the_page_and_the_api()
    {
        var first = TestConfigs.Channel("alpha", "claude", new Uri("http://127.0.0.1:9/"), FirstKey);
        first["id"] = "ch_alpha";
        first["priority"] = 4;
        var second = TestConfigs.Channel("beta", "claude", new Uri("http://127.0.0.1:9/"), SecondKey);
        second["id"] = "ch_beta";
        second["priority"] = 8;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(first, second));
        await using var panel = await PanelPage.OpenAsync(chromium.Browser);
        var page = panel.Page;
        await PanelSession.SignInAsync(panel, gateway, "channels");
        var cards = page.Locator(".channel-card");
        await Expect(cards.Locator(".channel-name")).ToHaveTextAsync(["alpha", "beta"]);

        // MudBlazor's drop zone puts a card after the card it is dropped on: alpha onto beta makes beta first.
        var handle = cards.First.Locator(".channel-drag");
        await Expect(handle).ToHaveAttributeAsync("aria-label", "Drag to reorder");
        await handle.DragToAsync(cards.Nth(1).Locator(".channel-name"));

        await Expect(cards.Locator(".channel-name")).ToHaveTextAsync(["beta", "alpha"]);
        await Expect(cards.First.Locator(".channel-first")).ToBeVisibleAsync();
        var listed = JsonNode.Parse(await page.EvaluateAsync<string>(
            "async () => (await fetch('api/channels', { headers: { 'X-ClaudeProxy-Panel': '1' } })).text()"))!;
        Assert.Equal([("ch_beta", 0, true), ("ch_alpha", 1, false)],
            listed["channels"]!.AsArray().Select(c => ((string?)c!["id"], (int?)c["priority"], (bool?)c["current"])));
        Assert.Single(panel.Responses, r => r.Request.Method == "PUT" && r.Url.EndsWith("/api/channels/order", StringComparison.Ordinal));
        Assert.Empty(panel.Errors);
    }
}
