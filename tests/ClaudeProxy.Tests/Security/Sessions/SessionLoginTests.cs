using System.Net;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaudeProxy.Tests.Security.Sessions.PanelRequests;

namespace ClaudeProxy.Tests.Security.Sessions;

/// <summary><c>POST /api/session</c> exchanges the admin key for a session cookie; wrong keys count toward the lockout like wrong API keys.</summary>
public sealed class SessionLoginTests
{
    private const string AdminKey = "admin-key-for-session-tests-0123456789";

    [Fact]
    public async Task Logging_in_with_the_right_key_sets_an_HttpOnly_SameSite_Strict_cookie_for_the_whole_site_that_lasts_seven_days()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await LoginAsync(gateway, TestGateway.DefaultAccessKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var setCookie = SetCookie(response);
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("max-age=604800", attributes);
        Assert.DoesNotContain("secure", attributes);
        Assert.Matches("^[0-9A-Za-z]{43}$", CookieValue(setCookie));
    }

    [Fact]
    public async Task The_cookie_lasts_the_session_ttl_setting()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { SessionTtl = TimeSpan.FromHours(1) });

        using var response = await LoginAsync(gateway, TestGateway.DefaultAccessKey);

        Assert.Contains("max-age=3600", SetCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_login_gets_a_new_token()
    {
        await using var gateway = await TestGateway.StartAsync();

        Assert.NotEqual(await LogInAsync(gateway), await LogInAsync(gateway));
    }

    [Fact]
    public async Task A_wrong_key_gets_401_without_a_cookie()
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await LoginAsync(gateway, "not-the-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("authentication_error", (string?)(await ErrorAsync(response))["type"]);
    }

    [Fact]
    public async Task After_the_failure_limit_a_wrong_key_gets_429_with_retry_after_and_a_clear_message()
    {
        var time = new FakeTimeProvider();
        await using var gateway = await TestGateway.StartAsync(timeProvider: time, settings: s => s with { AuthFailureLimit = 3, AuthLockout = TimeSpan.FromSeconds(30) });
        for (var i = 0; i < 3; i++)
        {
            using var refused = await LoginAsync(gateway, "wrong-key-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var response = await LoginAsync(gateway, "wrong-key-again");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("retry-after").Single());
        var error = await ErrorAsync(response);
        Assert.Equal("rate_limit_error", (string?)error["type"]);
        Assert.Equal("Too many failed logins from this address; try again in 30 s.", (string?)error["message"]);
        Assert.Contains(gateway.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_logins_and_wrong_api_keys_share_one_count()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: new FakeTimeProvider(), settings: s => s with { AuthFailureLimit = 3 });
        for (var i = 0; i < 2; i++)
        {
            using var client = gateway.CreateClient("wrong-api-key-" + i);
            using var refused = await client.GetAsync("/api/channels", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var third = await LoginAsync(gateway, "wrong-key");
        using var fourth = await LoginAsync(gateway, "wrong-key");

        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }

    [Fact]
    public async Task The_right_key_still_logs_in_from_a_locked_out_address()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: new FakeTimeProvider(), settings: s => s with { AuthFailureLimit = 2 });
        for (var i = 0; i < 3; i++)
        {
            using var refused = await LoginAsync(gateway, "wrong-key-" + i);
        }

        using var response = await LoginAsync(gateway, TestGateway.DefaultAccessKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("{}", "key: Field required")]
    [InlineData("""{"password":"x"}""", "key: Field required")]
    [InlineData("""{"key":42}""", "key: expected a string, got a number")]
    [InlineData("""{"key":null}""", "key: Field required")]
    [InlineData("key=secret", "{\"key\": \"…\"}")]
    [InlineData("", "{\"key\": \"…\"}")]
    public async Task A_login_body_of_the_wrong_shape_is_400_naming_the_key_field(string body, string expected)
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await PostLoginAsync(gateway, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_admin_key_set_the_proxy_key_does_not_log_in_and_the_admin_key_does()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = AdminKey });

        using var withProxyKey = await LoginAsync(gateway, TestGateway.DefaultAccessKey);
        using var withAdminKey = await LoginAsync(gateway, AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withProxyKey.StatusCode);
        Assert.False(withProxyKey.Headers.Contains("Set-Cookie"));
        Assert.Contains("ADMIN_ACCESS_KEY", (string?)(await ErrorAsync(withProxyKey))["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, withAdminKey.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/session")]
    [InlineData("PATCH", "/api/session")]
    [InlineData("POST", "/api/session/extra")]
    [InlineData("POST", "/api/sessions")]
    public async Task Only_the_session_endpoints_themselves_are_open_without_a_key(string method, string path)
    {
        await using var gateway = await TestGateway.StartAsync();

        using var response = await SendAsync(gateway, new HttpMethod(method), path, cookie: null, body: $$"""{"key":"{{TestGateway.DefaultAccessKey}}"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Neither_the_session_token_nor_the_key_reaches_the_logs()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = AdminKey });
        var token = await LogInAsync(gateway, AdminKey);
        using (await SendAsync(gateway, HttpMethod.Get, "/api/channels", token))
        using (await SendAsync(gateway, HttpMethod.Put, "/api/loadbalance", token, body: """{"strategy":"random"}"""))
        using (await SendAsync(gateway, HttpMethod.Delete, "/api/session", token, panelHeader: true))
        using (await SendAsync(gateway, HttpMethod.Get, "/api/channels", token))
        using (await LoginAsync(gateway, AdminKey + "-wrong"))
        {
        }

        Assert.Contains(gateway.Logs.Lines, line => line.Contains("Web panel login from 127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(gateway.Logs.Lines, line => line.Contains("Web panel logout from 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(token, gateway.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, gateway.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, gateway.Banner.ToString(), StringComparison.Ordinal);
    }
}
