using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class ShellTests : IAsyncDisposable
{
    private const string Stats = """{"window":"1h","by":"channel","totals":{"requests":1234,"errors":5,"successRate":0.996,"p95LatencyMs":812.4,"inputTokens":50000,"outputTokens":7000,"costUsd":1.25},"groups":[],"series":[]}""";
    private const string Health = """{"status":"healthy","timestamp":"2026-01-01T00:00:00Z","uptime":3725,"version":"0.1.0","mode":"development","config":{"upstreamCount":3,"loadBalance":"priority"}}""";

    private const string ChannelHealth = """{"time":"2026-01-01T00:00:00Z","channels":[{"id":"a","name":"a","state":"ok"},{"id":"b","name":"b","state":"disabled"}]}""";

    private readonly PanelTestContext _panel = new();

    [Fact]
    public void Switching_the_language_changes_the_visible_strings_and_is_remembered()
    {
        var app = _panel.Open("login");
        Assert.Equal("Sign in", app.Find("h1").TextContent.Trim());

        app.Find(".language-switch").Click();

        app.WaitForAssertion(() => Assert.Equal("登录", app.Find("h1").TextContent.Trim()));
        Assert.Contains(("claudeProxy.language", "zh-CN"), _panel.Writes());
    }

    [Fact]
    public void A_first_visit_follows_the_browser_language()
    {
        _panel.BrowserLanguage("zh-CN");

        var app = _panel.Open("login");

        app.WaitForAssertion(() => Assert.Equal("登录", app.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public void A_remembered_language_wins_over_the_browser_language()
    {
        _panel.BrowserLanguage("zh-CN");
        _panel.Stored("claudeProxy.language", "en");

        var app = _panel.Open("login");

        app.WaitForAssertion(() => Assert.Equal("Sign in", app.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public void The_theme_toggle_switches_to_dark_and_remembers_it()
    {
        var app = _panel.Open("login");
        Assert.Equal("Dark theme", app.Find(".theme-toggle").GetAttribute("aria-label"));

        app.Find(".theme-toggle").Click();

        app.WaitForAssertion(() => Assert.Equal("Light theme", app.Find(".theme-toggle").GetAttribute("aria-label")));
        Assert.Contains(("claudeProxy.theme", "dark"), _panel.Writes());
    }

    [Fact]
    public void A_remembered_dark_theme_is_used_from_the_start()
    {
        _panel.Stored("claudeProxy.theme", "dark");

        var app = _panel.Open("login");

        app.WaitForAssertion(() => Assert.Equal("Light theme", app.Find(".theme-toggle").GetAttribute("aria-label")));
    }

    [Fact]
    public void Without_an_earlier_sign_in_the_dashboard_opens_the_sign_in_page_without_calling_the_api()
    {
        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.EndsWith("/login", _panel.Navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(_panel.Gateway.Requests);
    }

    [Fact]
    public void The_dashboard_shows_the_last_hour_and_the_gateway_from_the_api()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h", HttpStatusCode.OK, Stats);
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h", HttpStatusCode.OK, Stats);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, ChannelHealth);

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.Equal(13, app.FindAll(".stat-card").Count));
        var values = app.FindAll(".stat-value").Select(v => v.TextContent.Trim()).ToList();
        Assert.Contains("1,234", values);
        Assert.Contains("99.6 %", values);
        Assert.Contains("$1.25", values);
        Assert.Contains("1h 2m", values);
        Assert.Contains("priority", values);
        Assert.All(_panel.Gateway.Requests, request => Assert.Equal("1", request.PanelHeader));
    }

    [Fact]
    public void An_expired_session_sends_the_user_to_the_sign_in_page()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h", HttpStatusCode.Unauthorized);
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.EndsWith("/login", _panel.Navigation.Uri, StringComparison.Ordinal));
        Assert.Contains(_panel.JSInterop.Invocations, call => call.Identifier == "claudeProxyPanel.remove");
    }

    [Fact]
    public void A_failing_api_shows_an_error_with_a_retry_button_not_the_exception()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h", HttpStatusCode.InternalServerError, """{"error":{"message":"boom at Stack.Trace"}}""");
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);

        var app = _panel.Open("");

        app.WaitForAssertion(() => Assert.NotNull(app.Find(".load-error")));
        Assert.DoesNotContain("Stack.Trace", app.Markup, StringComparison.Ordinal);
        Assert.Contains(app.FindAll("button"), button => button.TextContent.Trim() == "Retry");
    }

    [Fact]
    public void Sign_out_deletes_the_session_and_opens_the_sign_in_page()
    {
        _panel.Stored("claudeProxy.signedIn", "1");
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=1h", HttpStatusCode.OK, Stats);
        _panel.Gateway.Answer(HttpMethod.Get, "/health", HttpStatusCode.OK, Health);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/stats?window=24h", HttpStatusCode.OK, Stats);
        _panel.Gateway.Answer(HttpMethod.Get, "/api/health", HttpStatusCode.OK, ChannelHealth);
        _panel.Gateway.Answer(HttpMethod.Delete, "/api/session", HttpStatusCode.NoContent);
        var app = _panel.Open("");
        app.WaitForAssertion(() => Assert.NotEmpty(app.FindAll(".stat-card")));

        app.Find(".sign-out").Click();

        app.WaitForAssertion(() => Assert.EndsWith("/login", _panel.Navigation.Uri, StringComparison.Ordinal));
        var delete = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Delete);
        Assert.Equal("/api/session", delete.PathAndQuery);
        Assert.Equal("1", delete.PanelHeader);
    }

    [Fact]
    public void The_navigation_lists_the_five_sections()
    {
        _panel.Stored("claudeProxy.signedIn", "1");

        var app = _panel.Open("channels");

        app.WaitForAssertion(() => Assert.Equal(
            ["Dashboard", "Channels", "Logs", "Usage", "Settings"],
            app.FindAll(".mud-nav-link").Select(link => link.TextContent.Trim()).ToArray()));
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
