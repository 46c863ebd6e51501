using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaudeProxy.Tests.Security.Sessions.PanelRequests;

namespace ClaudeProxy.Tests.Security.Sessions;

/// <summary>The session cookie opens the admin API in place of the key (with the panel header on changes), never the proxy, and only while the session lives.</summary>
public sealed class SessionCookieAccessTests
{
    private const string ChannelId = "relay-a";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string ConfigWithOneChannel()
    {
        var channel = TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), "sk-ant-session-test-key-0123456789");
        channel["id"] = ChannelId;
        return TestConfigs.Config(channel);
    }

    [Fact]
    public async Task The_session_cookie_opens_the_admin_api_in_place_of_the_key()
    {
        await using var gateway = await TestGateway.StartAsync();
        var token = await LogInAsync(gateway);

        using var withCookie = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token);
        using var withNothing = await SendAsync(gateway, HttpMethod.Get, "/api/channels", cookie: null);

        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNothing.StatusCode);
    }

    [Fact]
    public async Task A_made_up_cookie_opens_nothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        await LogInAsync(gateway);

        using var response = await SendAsync(gateway, HttpMethod.Get, "/api/channels", new string('a', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/config/reload", null)]
    [InlineData("PUT", "/api/loadbalance", """{"strategy":"random"}""")]
    [InlineData("DELETE", "/api/channels/" + ChannelId, null)]
    public async Task A_change_made_with_the_cookie_but_without_the_panel_header_is_refused_as_csrf(string method, string path, string? body)
    {
        await using var gateway = await TestGateway.StartAsync(ConfigWithOneChannel());
        var token = await LogInAsync(gateway);

        using var response = await SendAsync(gateway, new HttpMethod(method), path, token, body: body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("permission_error", (string?)error["type"]);
        Assert.Contains("missing the X-ClaudeProxy-Panel header (CSRF protection)", (string?)error["message"], StringComparison.Ordinal);
        using var client = gateway.CreateClient();
        using var channel = await client.GetAsync("/api/channels/" + ChannelId, Token);
        Assert.Equal(HttpStatusCode.OK, channel.StatusCode);
        Assert.Equal("failover", (string?)JsonNode.Parse(await client.GetStringAsync("/api/channels", Token))!["loadBalance"]);
    }

    [Theory]
    [InlineData("POST", "/api/config/reload", null)]
    [InlineData("PUT", "/api/loadbalance", """{"strategy":"random"}""")]
    [InlineData("DELETE", "/api/channels/" + ChannelId, null)]
    public async Task A_change_made_with_the_cookie_and_the_panel_header_goes_through(string method, string path, string? body)
    {
        await using var gateway = await TestGateway.StartAsync(ConfigWithOneChannel());
        var token = await LogInAsync(gateway);

        using var response = await SendAsync(gateway, new HttpMethod(method), path, token, panelHeader: true, body: body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_change_made_with_the_key_needs_no_panel_header()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await SendAsync(gateway, HttpMethod.Put, "/api/loadbalance", cookie: null, body: """{"strategy":"random"}""", key: TestGateway.DefaultAccessKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/models", null)]
    [InlineData("POST", "/v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""")]
    public async Task The_proxy_never_accepts_the_session_cookie(string method, string path, string? body)
    {
        await using var gateway = await TestGateway.StartAsync();
        var token = await LogInAsync(gateway);

        using var response = await SendAsync(gateway, new HttpMethod(method), path, token, panelHeader: true, body: body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_session_answers_200_with_the_expiry_for_a_live_session_and_401_otherwise()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time);
        var loggedInAt = time.GetUtcNow();
        var token = await LogInAsync(gateway);

        using var live = await SendAsync(gateway, HttpMethod.Get, "/api/session", token);
        using var none = await SendAsync(gateway, HttpMethod.Get, "/api/session", cookie: null);
        using var madeUp = await SendAsync(gateway, HttpMethod.Get, "/api/session", new string('a', 43));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var body = JsonNode.Parse(await live.Content.ReadAsStringAsync(Token))!;
        Assert.True((bool)body["authenticated"]!);
        Assert.Equal(loggedInAt + TimeSpan.FromDays(7), DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_on_the_server_and_expires_the_cookie()
    {
        await using var gateway = await TestGateway.StartAsync();
        var token = await LogInAsync(gateway);

        using var logout = await SendAsync(gateway, HttpMethod.Delete, "/api/session", token, panelHeader: true);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = SetCookie(logout);
        Assert.Equal(string.Empty, CookieValue(cleared));
        Assert.Contains("max-age=0", cleared, StringComparison.OrdinalIgnoreCase);
        using var sameCookie = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token);
        using var sessionAfter = await SendAsync(gateway, HttpMethod.Get, "/api/session", token);
        Assert.Equal(HttpStatusCode.Unauthorized, sameCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sessionAfter.StatusCode);
    }

    [Fact]
    public async Task Logging_out_with_the_cookie_but_without_the_panel_header_is_refused_and_the_session_lives_on()
    {
        await using var gateway = await TestGateway.StartAsync();
        var token = await LogInAsync(gateway);

        using var logout = await SendAsync(gateway, HttpMethod.Delete, "/api/session", token);

        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        using var after = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Logging_out_without_a_session_still_answers_204_and_clears_the_cookie()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var logout = await SendAsync(gateway, HttpMethod.Delete, "/api/session", cookie: null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("max-age=0", SetCookie(logout), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_session_ends_when_the_session_ttl_has_passed()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time, settings: s => s with { SessionTtl = TimeSpan.FromHours(1) });
        var token = await LogInAsync(gateway);

        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        using var justBefore = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token);
        time.Advance(TimeSpan.FromSeconds(1));
        using var after = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token);
        using var sessionAfter = await SendAsync(gateway, HttpMethod.Get, "/api/session", token);

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("log in again", (string?)(await ErrorAsync(after))["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, sessionAfter.StatusCode);
    }

    [Fact]
    public async Task An_expired_cookie_without_a_key_is_not_counted_as_a_failed_key_check()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time, settings: s => s with { SessionTtl = TimeSpan.FromMinutes(1), AuthFailureLimit = 2 });
        var token = await LogInAsync(gateway);
        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++)
        {
            using var stale = await SendAsync(gateway, HttpMethod.Get, "/api/stats", token);
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        using var wrongKey = await SendAsync(gateway, HttpMethod.Get, "/api/channels", cookie: null, key: "wrong-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task An_expired_cookie_with_a_wrong_key_is_counted()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time, settings: s => s with { SessionTtl = TimeSpan.FromMinutes(1), AuthFailureLimit = 2 });
        var token = await LogInAsync(gateway);
        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 2; i++)
        {
            using var refused = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token, key: "wrong-key-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var locked = await SendAsync(gateway, HttpMethod.Get, "/api/channels", token, key: "wrong-key-again");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }
}
